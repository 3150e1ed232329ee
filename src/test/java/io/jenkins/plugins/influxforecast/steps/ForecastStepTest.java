package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.DSL;
import org.jenkinsci.plugins.workflow.steps.MissingContextVariableException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastStepTest {

    static final Set<String> STEP_ONLY = Set.of("maxMase", "maxSmape", "failOnQualityGate",
            "maxRamPercentage", "timeoutMinutes", "installedEngine");

    private static ForecastStep.DescriptorImpl descriptor() {
        return ExtensionList.lookupSingleton(ForecastStep.DescriptorImpl.class);
    }

    /** Binds as a Pipeline does under a test harness (unknown arguments throw). */
    private static ForecastStep bind(Map<String, Object> args) {
        return PipelineBinding.bind(ForecastStep.class, args);
    }

    /** Binds, then starts the step as Pipeline would: where the cross-field checks run. */
    private static void start(Map<String, Object> args, Path ws) throws Exception {
        bind(args).start(new TestStepContext(ws, new TestRun("j", 1, 0L)));
    }

    @TempDir
    Path workspace;

    @Test
    void everyForecastOptionIsAStepParameterAndBack() {
        StepContract.check(ForecastStep.class, Commands.FORECAST, STEP_ONLY, Set.of(), Map.of("validation", Double.class));
    }

    /**
     * No descriptor overrides {@code StepDescriptor.newInstance(Map)}: in a controller that override
     * is what Pipeline calls, and its default loses unknown arguments at FINE (a typo in a scripted
     * Pipeline would go unnoticed); without it Pipeline warns in the build log.
     */
    @Test
    void noDescriptorOverridesNewInstance() {
        for (Class<?> d : List.of(ForecastStep.DescriptorImpl.class, InfluxExtractStep.DescriptorImpl.class, InfluxLoadStep.DescriptorImpl.class)) {
            assertThatThrownBy(() -> d.getDeclaredMethod("newInstance", Map.class)).as(d.getName()).isInstanceOf(NoSuchMethodException.class);
        }
    }

    @Test
    void aMisspelledParameterIsAWarningInTheBuildLogInProductionAndAnErrorUnderATestHarness() throws Exception {
        TestStepContext c = new TestStepContext(workspace, new TestRun("j", 1, 0L));
        ForecastStep s = PipelineBinding.bindInProduction(ForecastStep.class, Map.of("input", "a.csv", "outputDir", "o", "horizn", 3), c.listener());
        assertThat(s.getHorizon()).isNull();
        assertThat(c.listener().log()).contains("WARNING: Unknown parameter(s) found for class type '" + ForecastStep.class.getName() + "': horizn");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "horizn", 3)))
                .hasMessageContaining("Unknown parameter(s)").hasMessageContaining("horizn");
    }

    /** EnvVars is required context, as for sh: Pipeline refuses the call before the step starts when it is missing. */
    @Test
    void thePipelineEnvironmentIsRequiredContext() {
        TestStepContext c = new TestStepContext(workspace, new TestRun("j", 1, 0L)).withoutEnv();
        assertThatThrownBy(() -> DSL.invokeStep(descriptor(), Map.of("input", "a.csv", "outputDir", "o"), c))
                .isInstanceOf(MissingContextVariableException.class).hasMessage("Required context class hudson.EnvVars is missing");
    }

    /** Pipeline literals: {@code horizon: 144}, {@code validation: 0.2} (a BigDecimal in Groovy) and {@code validation: 168}. */
    @Test
    void numericParametersTakeNumbersAndTheTextFormsThatMeanTheSame() {
        ForecastStep n = bind(Map.of("input", "a.csv", "outputDir", "o", "horizon", 144, "validation", new BigDecimal("0.2"), "maxMase", 2));
        assertThat(n.getHorizon()).isEqualTo(144);
        assertThat(n.getValidation()).isEqualTo(0.2);
        assertThat(n.getMaxMase()).isEqualTo(2.0);
        assertThat(n.engineValues("t", 1)).containsEntry("validation", "0.2").containsEntry("horizon", 144);
        ForecastStep count = bind(Map.of("input", "a.csv", "outputDir", "o", "validation", 168));
        assertThat(count.engineValues("t", 1)).containsEntry("validation", "168");
        ForecastStep text = bind(Map.of("input", "a.csv", "outputDir", "o", "horizon", "144", "validation", "0.2"));
        assertThat(text.getHorizon()).isEqualTo(144);
        assertThat(text.getValidation()).isEqualTo(0.2);
        assertThat(bind(Map.of("input", "a.csv", "outputDir", "o", "validation", "168")).engineValues("t", 1)).containsEntry("validation", "168");
        assertThat(bind(Map.of("input", "a.csv", "outputDir", "o", "validation", 0)).engineValues("t", 1)).containsEntry("validation", "0");
    }

    /** As structs refuses them: a number never binds to a text parameter, a lone text never to a list. */
    @Test
    void aNumberForATextParameterAndATextForAListFailAsInJenkins() {
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "frequency", 60)))
                .rootCause().isInstanceOf(ClassCastException.class)
                .hasMessageContaining("expects class java.lang.String but received class java.lang.Integer");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "tags", "site=paris")))
                .rootCause().isInstanceOf(ClassCastException.class)
                .hasMessageContaining("expects java.util.List<java.lang.String> but received class java.lang.String");
    }

    /** A blank value (what an empty Snippet Generator field binds) is the default; {@code none} switches off. */
    @Test
    void blankMeansTheDefaultAndNoneSwitchesOff() {
        ForecastStep blank = bind(Map.of("input", "a.csv", "outputDir", "o", "levels", "", "modelTag", " ", "installedEngine", ""));
        assertThat(blank.getLevels()).isNull();
        assertThat(blank.getModelTag()).isNull();
        assertThat(blank.getInstalledEngine()).isEqualTo(EngineInstaller.DEFAULT_INSTALLED_PATH);
        // the model goes in a field by default (modelField), a tag only when asked
        assertThat(blank.engineValues("t", 1)).doesNotContainKey("levels").doesNotContainKey("modelTag").doesNotContainKey("modelField");
        ForecastStep none = bind(Map.of("input", "a.csv", "outputDir", "o", "levels", "none", "modelTag", "NONE", "installedEngine", "none"));
        assertThat(none.getLevels()).isEqualTo("none");
        assertThat(none.engineValues("t", 1)).containsEntry("levels", "").doesNotContainKey("modelTag");
        assertThat(none.getInstalledEngine()).isEqualTo("none");
        assertThat(none.launchOptions().installedEnginePath()).isNull();
    }

    @Test
    void aListEntryWithSeveralLinesIsSeveralEntries() {
        ForecastStep s = bind(Map.of("input", "a.csv", "outputDir", "o", "tags", List.of("site=paris\nzone=b\n", " floor=2 ")));
        assertThat(s.getTags()).containsExactly("site=paris", "zone=b", "floor=2");
        assertThat(s.getTagsAsLines()).isEqualTo("site=paris\nzone=b\nfloor=2");
    }

    @Test
    void everyOptionValueReachesTheEngineCommandLine() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        for (OptionDef o : Commands.FORECAST.options()) {
            args.put(o.name(), sample(o));
        }
        ForecastStep step = bind(args);
        List<String> argv = Commands.FORECAST.toArguments(step.engineValues("2024-01-01T00:00:00Z", 7));
        for (OptionDef o : Commands.FORECAST.options()) {
            assertThat(argv).as("argv has %s", o.cli()).contains(o.cli());
        }
        assertThat(argv).containsSequence("--horizon", "12").containsSequence("--tag", "site=a", "--tag", "zone=b")
                .containsSequence("--model", "snaive(season=24)");
    }

    private static Object sample(OptionDef o) {
        return switch (o.name()) {
            case "input" -> "data/in.csv";
            case "outputDir" -> "out";
            case "model" -> "snaive(season=24)";
            case "horizon" -> 12;
            case "validation" -> new BigDecimal("0.25");
            case "frequency" -> "1h";
            case "smoothing" -> 3;
            case "fill" -> "previous";
            case "maxGap" -> 4;
            case "format" -> "influx1";
            case "levels" -> "90";
            case "tags" -> List.of("site=a", "zone=b");
            case "asOf" -> "2024-01-01T00:00:00Z";
            case "modelTag" -> "algo";
            case "modelField" -> "model";
            case "liveAccuracy" -> "score/score.json";
            case "backfill" -> 2;
            case "build" -> 42;
            default -> switch (o.type()) {
                case INT -> 5;
                case DOUBLE -> 1.5;
                case BOOLEAN -> true;
                case LIST -> List.of("k=v");
                case STRING -> "x" + o.name();
            };
        };
    }

    @Test
    void bindsPipelineArgumentsAndNormalisesThem() throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("input", " in.csv ");
        args.put("outputDir", "out");
        args.put("horizon", 24);
        args.put("fill", "PREVIOUS");
        args.put("model", "");
        args.put("tags", List.of("site=paris"));
        args.put("maxMase", 1);
        ForecastStep step = bind(args);
        assertThat(step.getInput()).isEqualTo("in.csv");
        assertThat(step.getHorizon()).isEqualTo(24);
        assertThat(step.getFill()).isEqualTo("previous");
        assertThat(step.getModel()).isNull();
        assertThat(step.getTags()).containsExactly("site=paris");
        assertThat(step.getMaxMase()).isEqualTo(1.0);
        assertThat(step.getMaxRamPercentage()).isEqualTo(50);
        assertThat(step.getTimeoutMinutes()).isEqualTo(60);
        assertThat(step.getInstalledEngine()).isEqualTo("/opt/influx-forecast/influx-forecast-cli.jar");
        assertThat(step.engineValues("t", 7)).doesNotContainKey("model").containsEntry("fill", "previous")
                .containsEntry("build", 7).doesNotContainKey("modelTag").doesNotContainKey("modelField")
                .doesNotContainKey("history").containsEntry("asOf", "t");
        step.setModelTag("algo");
        step.setModelField("none");
        step.setHistory(true);
        step.setBuild(3);
        assertThat(step.engineValues("t", 7)).containsEntry("modelTag", "algo").containsEntry("modelField", "")
                .containsEntry("history", true).containsEntry("build", 3);
        assertThat(Commands.FORECAST.toArguments(step.engineValues("t", 7))).containsSequence("--model-field", "")
                .contains("--history");
    }

    @Test
    void badValuesFailWithTheParameterTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "horizon", 0)))
                .hasRootCauseMessage("horizon must be >= 1, got 0");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "fill", "spline")))
                .hasRootCauseMessage("fill must be one of linear, previous, fail, got 'spline'");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "validation", new BigDecimal("1.5"))))
                .hasRootCauseMessage("validation must be a fraction in [0, 1) such as 0.2 or a whole count of points such as 168, got 1.5");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "validation", "a fifth")))
                .rootCause().isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> bind(Map.of("input", "/etc/passwd", "outputDir", "o")))
                .hasRootCauseMessage("input must be a path relative to the workspace, got '/etc/passwd'");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "../o")))
                .hasRootCauseMessage("outputDir must stay inside the workspace (no '..'), got '../o'");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "measurement", "m$x")))
                .rootCause().hasMessageStartingWith("measurement must not contain a $");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "tags", List.of("novalue"))))
                .hasRootCauseMessage("tags entries must be key=value, got 'novalue'");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "levels", "80,101")))
                .hasRootCauseMessage("levels must be percentages between 0 and 100, comma-separated (80,95), or none, got '80,101'");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "asOf", "yesterday")))
                .hasRootCauseMessage("asOf must be an ISO-8601 time such as 2024-05-01T12:00:00Z, got 'yesterday'");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "maxRamPercentage", 99)))
                .hasRootCauseMessage("maxRamPercentage must be between 1 and 95, got 99");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "timeoutMinutes", 0)))
                .hasRootCauseMessage("timeoutMinutes must be between 1 and 1440, got 0");
        assertThatThrownBy(() -> bind(Map.of("input", "a.csv", "outputDir", "o", "model", "nosuchmodel")))
                .rootCause().hasMessageStartingWith("model 'nosuchmodel' is not valid: ");
        assertThatThrownBy(() -> bind(Map.of("outputDir", "o")))
                .hasRootCauseMessage("input is required: the CSV to forecast, relative to the workspace");
    }

    /** Checked when the step starts (Pipeline binds, then starts), before anything runs or is written. */
    @Test
    void crossFieldChecksNameTheParameters() {
        assertThatThrownBy(() -> start(Map.of("input", "a.csv", "outputDir", "o", "validation", 0), workspace))
                .hasMessage("horizon is required when validation is 0 (the default horizon is the length of the validation part)");
        assertThatThrownBy(() -> start(Map.of("input", "a.csv", "outputDir", "o", "validation", 0, "horizon", 5, "maxMase", 1.0), workspace))
                .hasMessageStartingWith("maxMase and maxSmape need validation metrics, but validation is 0");
        assertThatThrownBy(() -> start(Map.of("input", "a.csv", "outputDir", "o", "failOnQualityGate", true), workspace))
                .hasMessage("failOnQualityGate needs a quality gate: give maxMase and/or maxSmape");
        assertThat(workspace.resolve("o")).doesNotExist();
    }

    @Test
    void asOfDefaultsToTheBuildStartOnTheFrequencyGrid() throws Exception {
        ForecastStep step = bind(Map.of("input", "a.csv", "outputDir", "o", "frequency", "1h"));
        long start = java.time.Instant.parse("2024-05-01T12:34:56Z").toEpochMilli();
        assertThat(step.resolveAsOf(start)).isEqualTo("2024-05-01T12:00:00Z");
        step.setAsOf("2024-05-01T14:10:00+02:00");
        assertThat(step.resolveAsOf(start)).isEqualTo("2024-05-01T12:00:00Z");
        ForecastStep noFreq = bind(Map.of("input", "a.csv", "outputDir", "o"));
        assertThat(noFreq.resolveAsOf(start)).isEqualTo("2024-05-01T12:34:56Z");
    }

    @Test
    void descriptorNamesTheStepAndShowsNoSecret() throws Exception {
        ForecastStep.DescriptorImpl d = descriptor();
        assertThat(d.getFunctionName()).isEqualTo("forecast");
        assertThat(d.getDisplayName()).isEqualTo("Forecast a time series with influx-forecast");
        assertThat(new java.util.HashSet<Class<?>>(d.getRequiredContext())).contains(hudson.EnvVars.class, hudson.FilePath.class, hudson.Launcher.class).hasSize(5);
        assertThat(d.argumentsToString(Map.of("input", "in.csv", "outputDir", "out"))).isEqualTo("in.csv -> out");
        Step s = bind(Map.of("input", "a.csv", "outputDir", "o"));
        assertThat(s.getDescriptor()).isSameAs(d);
    }

    @Test
    void formChecks() {
        ForecastStep.DescriptorImpl d = descriptor();
        assertThat(d.doCheckHorizon("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckHorizon("abc").getMessage()).isEqualTo("horizon must be a whole number, got 'abc'");
        assertThat(d.doCheckHorizon("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckInput("").getMessage()).isEqualTo("input is required");
        assertThat(d.doCheckFrequency("1h").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckFrequency("fortnightly").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckMaxMase("-1").getMessage()).isEqualTo("maxMase must be a number > 0, got -1.0");
    }
}
