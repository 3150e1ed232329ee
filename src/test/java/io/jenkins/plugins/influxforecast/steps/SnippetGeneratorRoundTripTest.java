package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyShell;
import hudson.util.ListBoxModel;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every parameter of every step survives the Snippet Generator: the form shows the configured step
 * (config.jelly: text boxes show the getter, text areas the one-per-line text, drop-downs select the
 * value), the submitted form binds as Stapler binds it (an empty text box is {@code ""}, an empty
 * number box null, a collection from one text area a one-element list), the generator prints
 * {@code uninstantiate}'s arguments as Groovy, and Groovy's parse of that text binds back, strictly,
 * to a step whose every parameter equals the original. A blank form must print no optional argument.
 */
class SnippetGeneratorRoundTripTest {

    @BeforeEach
    void servers() {
        InfluxServer s = new InfluxServer("influx-prod", "http://influxdb:8086");
        InfluxForecastConfiguration.get().setServers(List.of(s));
    }

    @AfterEach
    void clear() {
        InfluxForecastConfiguration.get().setServers(List.of());
    }

    /** The text config.jelly shows for a parameter of {@code step}. */
    static String shown(Step step, DescribableParameter p) throws Exception {
        Class<?> t = p.getErasedType();
        if (List.class.isAssignableFrom(t)) {
            String getter = "get" + Character.toUpperCase(p.getName().charAt(0)) + p.getName().substring(1) + "AsLines";
            return (String) step.getClass().getMethod(getter).invoke(step);
        }
        Object v = StepContract.getter(step.getClass(), p.getName()).invoke(step);
        return v == null ? "" : v.toString();
    }

    /** What Stapler binds from the submitted text of a field of that type (boolean: a checkbox). */
    static Object submitted(Type type, String text) {
        Class<?> t = erasure(type);
        if (t == String.class) {
            return text;
        }
        if (t == boolean.class || t == Boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (List.class.isAssignableFrom(t)) {
            return List.of(text);
        }
        if (text.isEmpty()) {
            return null;
        }
        if (t == Integer.class || t == int.class) {
            return Integer.valueOf(text);
        }
        if (t == Double.class || t == double.class) {
            return Double.valueOf(text);
        }
        throw new AssertionError("no form binding for " + type);
    }

    private static Class<?> erasure(Type t) {
        return t instanceof Class<?> c ? c : (Class<?>) ((java.lang.reflect.ParameterizedType) t).getRawType();
    }

    /** Configure (show), submit, generate: the snippet text. */
    static String throughTheForm(Step step) throws Exception {
        Map<String, Object> form = new LinkedHashMap<>();
        for (DescribableParameter p : new DescribableModel<>(step.getClass()).getParameters()) {
            form.put(p.getName(), submitted(p.getType(), shown(step, p)));
        }
        Step bound = PipelineBinding.bind(step.getClass(), form);
        return Snippetizer.step2Groovy(bound);
    }

    /** Groovy reads the snippet (its literals become Integer, BigDecimal, String, List) and Pipeline binds it. */
    @SuppressWarnings("unchecked")
    static <T extends Step> T parse(String snippet, Class<T> type) {
        Map<String, Object> captured = new LinkedHashMap<>();
        Binding b = new Binding();
        String function = snippet.split(" ", 2)[0];
        b.setVariable(function, new Closure<Object>(null) {
            @Override
            public Object call(Object... args) {
                captured.putAll((Map<String, Object>) args[0]);
                return null;
            }
        });
        new GroovyShell(b).evaluate(snippet.contains(" ") ? function + "(" + snippet.split(" ", 2)[1] + ")" : function + "([:])");
        return PipelineBinding.bind(type, captured);
    }

    static void assertSameParameters(Step a, Step b) throws Exception {
        for (DescribableParameter p : new DescribableModel<>(a.getClass()).getParameters()) {
            Method g = StepContract.getter(a.getClass(), p.getName());
            assertThat(g.invoke(b)).as("%s after the round trip", p.getName()).isEqualTo(g.invoke(a));
        }
    }

    /** A non-default value of every optional parameter, one at a time, and all together. */
    private static <T extends Step> void everyFieldRoundTrips(Class<T> type, Map<String, Object> required, Map<String, Object> samples)
            throws Exception {
        Map<String, Object> all = new LinkedHashMap<>(required);
        for (DescribableParameter p : new DescribableModel<>(type).getParameters()) {
            if (p.isRequired()) {
                continue;
            }
            assertThat(samples).as("a sample value for %s.%s", type.getSimpleName(), p.getName()).containsKey(p.getName());
            Map<String, Object> one = new LinkedHashMap<>(required);
            one.put(p.getName(), samples.get(p.getName()));
            T step = PipelineBinding.bind(type, one);
            String snippet = throughTheForm(step);
            assertThat(snippet).as("snippet of %s", p.getName()).contains(p.getName() + ": ");
            assertSameParameters(step, parse(snippet, type));
            all.put(p.getName(), samples.get(p.getName()));
        }
        T step = PipelineBinding.bind(type, all);
        assertSameParameters(step, parse(throughTheForm(step), type));
    }

    /** A step left at its defaults: the blank form gives back only the required arguments. */
    private static <T extends Step> void aBlankFormIsTheDefaults(Class<T> type, Map<String, Object> required, String expected) throws Exception {
        T step = PipelineBinding.bind(type, required);
        String snippet = throughTheForm(step);
        assertThat(snippet).isEqualTo(expected);
        assertSameParameters(step, parse(snippet, type));
    }

    static final Map<String, Object> FORECAST_SAMPLES = Map.ofEntries(
            Map.entry("asOf", "2024-05-01T12:00:00Z"), Map.entry("build", 42), Map.entry("failOnQualityGate", true),
            Map.entry("field", "occupied"), Map.entry("fill", "previous"), Map.entry("format", "influx1"), Map.entry("frequency", "10m"),
            Map.entry("horizon", 144), Map.entry("installedEngine", "none"), Map.entry("levels", "none"), Map.entry("maxGap", 6),
            Map.entry("maxMase", 1.5), Map.entry("maxRamPercentage", 60), Map.entry("maxSmape", 20.5), Map.entry("measurement", "parking"),
            Map.entry("model", "snaive(season=144)"), Map.entry("modelTag", "none"), Map.entry("modelField", "algo"), Map.entry("history", true),
            Map.entry("historyMeasurement", "parking-history"), Map.entry("liveAccuracy", "score/score.json"), Map.entry("backfill", 2),
            Map.entry("name", "p1"), Map.entry("nonNegative", true),
            Map.entry("smoothing", 3), Map.entry("tags", List.of("site=paris", "zone=b")), Map.entry("timeColumn", "time"),
            Map.entry("timeoutMinutes", 30), Map.entry("validation", new java.math.BigDecimal("0.25")), Map.entry("valueColumn", "v"));

    @Test
    void forecast() throws Exception {
        everyFieldRoundTrips(ForecastStep.class, Map.of("input", "forecast/input.csv", "outputDir", "forecast/output"), FORECAST_SAMPLES);
        Map<String, Object> other = new LinkedHashMap<>(FORECAST_SAMPLES);
        other.put("levels", "90");
        other.put("modelTag", "spec");
        other.put("installedEngine", "/opt/engine.jar");
        other.put("validation", 168);
        everyFieldRoundTrips(ForecastStep.class, Map.of("input", "in.csv", "outputDir", "out"), other);
        aBlankFormIsTheDefaults(ForecastStep.class, Map.of("input", "in.csv", "outputDir", "out"), "forecast input: 'in.csv', outputDir: 'out'");
    }

    static final Map<String, Object> CONNECTION_SAMPLES = Map.ofEntries(
            Map.entry("server", "influx-prod"), Map.entry("credentialsId", "rw"), Map.entry("url", "http://influxdb:8086"),
            Map.entry("influxVersion", "2"), Map.entry("database", "parking"), Map.entry("retentionPolicy", "autogen"), Map.entry("org", "acme"),
            Map.entry("bucket", "b"), Map.entry("username", "reader"), Map.entry("caFile", "certs/ca.pem"), Map.entry("proxy", "http://proxy:3128"),
            Map.entry("connectTimeout", "5s"), Map.entry("timeout", "2m"), Map.entry("retries", 2), Map.entry("retryBackoff", "1s"),
            Map.entry("maxRamPercentage", 40), Map.entry("timeoutMinutes", 20), Map.entry("installedEngine", "none"));

    @Test
    void influxExtract() throws Exception {
        Map<String, Object> samples = new LinkedHashMap<>(CONNECTION_SAMPLES);
        samples.putAll(Map.ofEntries(Map.entry("query", "SELECT 1"), Map.entry("flux", "from(bucket: \"b\")"), Map.entry("queryFile", "q.influxql"),
                Map.entry("fluxFile", "q.flux"), Map.entry("measurement", "parking"), Map.entry("field", "occupied"),
                Map.entry("where", List.of("site=paris", "zone=b")), Map.entry("aggregate", "mean"), Map.entry("window", "10m"),
                Map.entry("start", "30d"), Map.entry("end", "2024-05-01T00:00:00Z"), Map.entry("last", 100),
                Map.entry("groupBy", List.of("site", "zone")), Map.entry("valueColumn", "v"), Map.entry("chunkSize", 1000), Map.entry("shard", "2/3"),
                Map.entry("output", "forecast/input.csv"), Map.entry("summary", "x.json"), Map.entry("asOf", "2024-05-01T00:00:00Z")));
        everyFieldRoundTrips(InfluxExtractStep.class, Map.of(), samples);
        aBlankFormIsTheDefaults(InfluxExtractStep.class, Map.of(), "influxExtract");
    }

    @Test
    void influxLoad() throws Exception {
        Map<String, Object> samples = new LinkedHashMap<>(CONNECTION_SAMPLES);
        samples.putAll(Map.of("input", "out/forecast.lp", "precision", "ms", "batchSize", 1000, "concurrency", 2, "dryRun", true,
                "noGzip", true, "unstableOnFailure", true, "summary", "s.json", "ignoreQualityGate", true));
        everyFieldRoundTrips(InfluxLoadStep.class, Map.of(), samples);
        aBlankFormIsTheDefaults(InfluxLoadStep.class, Map.of(), "influxLoad");
    }

    /** The fixed choices and the configured servers are drop-downs whose empty entry is the default. */
    @Test
    void dropDownsOfferTheChoicesWithTheDefaultFirst() throws Exception {
        ForecastStep.DescriptorImpl f = hudson.ExtensionList.lookupSingleton(ForecastStep.DescriptorImpl.class);
        assertThat(values(f.doFillFillItems())).containsExactly("", "linear", "previous", "fail");
        assertThat(values(f.doFillFormatItems())).containsExactly("", "auto", "influx1", "influx2", "csv");
        InfluxExtractStep.DescriptorImpl x = hudson.ExtensionList.lookupSingleton(InfluxExtractStep.DescriptorImpl.class);
        assertThat(values(x.doFillServerItems(""))).containsExactly("", "influx-prod");
        assertThat(values(x.doFillServerItems("gone"))).containsExactly("", "influx-prod", "gone");
        assertThat(values(x.doFillInfluxVersionItems())).containsExactly("", "1", "2", "3");
        assertThat(values(x.doFillAggregateItems())).startsWith("", "mean").contains("stddev");
        InfluxLoadStep.DescriptorImpl l = hudson.ExtensionList.lookupSingleton(InfluxLoadStep.DescriptorImpl.class);
        assertThat(values(l.doFillPrecisionItems())).containsExactly("", "ns", "us", "ms", "s");
        assertThat(values(l.doFillServerItems(null))).containsExactly("", "influx-prod");
        for (String v : values(f.doFillFillItems())) {
            ForecastStep s = new ForecastStep("a", "b");
            s.setFill(v);
            assertThat(s.getFill()).isEqualTo(v.isEmpty() ? null : v);
        }
    }

    static List<String> values(ListBoxModel m) {
        return m.stream().map(o -> o.value).toList();
    }

    /** Every drop-down field of a config.jelly has its doFill method. */
    @Test
    void everySelectHasItsFillMethod() throws Exception {
        for (Class<?> owner : List.of(ForecastStep.class, InfluxExtractStep.class, InfluxLoadStep.class, InfluxServer.class)) {
            String jelly = new String(owner.getResourceAsStream(owner.getSimpleName() + "/config.jelly").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<f:entry field=\"(\\w+)\"[^>]*>\\s*<f:select/>").matcher(jelly);
            int n = 0;
            while (m.find()) {
                String fill = "doFill" + Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1) + "Items";
                assertThat(java.util.Arrays.stream(Class.forName(owner.getName() + "$DescriptorImpl").getMethods()).map(Method::getName))
                        .as("%s.%s", owner.getSimpleName(), fill).contains(fill);
                n++;
            }
            assertThat(n).as("drop-downs in %s", owner.getSimpleName()).isPositive();
        }
    }
}
