package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.pipeline.CommandDef;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The Snippet Generator and global configuration pages: a config.jelly entry and a
 * help-&lt;field&gt;.html for every parameter of every step (the engine options' help is the
 * option's own text, so the two never drift), index.jelly, and display names in
 * Messages.properties.
 */
class SnippetGeneratorFilesTest {

    private static final String BASE = "/io/jenkins/plugins/influxforecast/steps/";

    private static String resource(String path) throws IOException {
        try (InputStream in = SnippetGeneratorFilesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String escaped(String help) {
        return help.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void checkStep(Class<?> step, CommandDef command) throws IOException {
        String dir = BASE + step.getSimpleName() + "/";
        String jelly = resource(dir + "config.jelly");
        assertThat(jelly).startsWith("<?jelly escape-by-default='true'?>");
        Map<String, Class<?>> params = StepContract.parameters(step);
        assertThat(params).isNotEmpty();
        for (String p : params.keySet()) {
            assertThat(jelly).as("config.jelly of %s has field %s", step.getSimpleName(), p).contains("field=\"" + p + "\"");
            String help = resource(dir + "help-" + p + ".html");
            assertThat(help).as("help-%s.html", p).startsWith("<div>").endsWith("</div>\n");
            var option = command.option(p);
            if (option.isPresent()) {
                assertThat(help).as("help-%s.html carries the option's help", p).contains(escaped(option.get().help()));
                String engineDefault = option.get().defaultValue();
                if (engineDefault != null && !help.contains("Default in the step")) {
                    assertThat(help).as("help-%s.html gives the option's default", p)
                            .contains(escaped(option.get().help() + " Default: " + engineDefault + "."));
                }
            }
        }
        for (OptionDef o : command.options()) {
            assertThat(params).containsKey(o.name());
        }
        resource(dir + "help.html");
    }

    @Test
    void forecast() throws IOException {
        checkStep(ForecastStep.class, Commands.FORECAST);
    }

    @Test
    void influxExtract() throws IOException {
        checkStep(InfluxExtractStep.class, Commands.EXTRACT);
    }

    @Test
    void influxLoad() throws IOException {
        checkStep(InfluxLoadStep.class, Commands.LOAD);
    }

    @Test
    void score() throws IOException {
        checkStep(ScoreStep.class, Commands.SCORE);
    }

    @Test
    void globalConfigurationAndServers() throws IOException {
        String jelly = resource(BASE + "InfluxServer/config.jelly");
        for (String p : StepContract.parameters(InfluxServer.class).keySet()) {
            assertThat(jelly).contains("field=\"" + p + "\"");
            resource(BASE + "InfluxServer/help-" + p + ".html");
        }
        assertThat(resource(BASE + "InfluxForecastConfiguration/config.jelly")).contains("field=\"servers\"");
        resource(BASE + "InfluxForecastConfiguration/help-servers.html");
    }

    /**
     * credentialsId is a credentials drop-down wherever it appears, backed by the descriptor's
     * doFillCredentialsIdItems(@AncestorInPath Item, @QueryParameter url, @QueryParameter
     * credentialsId): Jenkins refreshes the list when the url field changes (the query parameters
     * are the fields the list depends on) and validates through doCheckCredentialsId.
     */
    @Test
    void credentialsIdIsACredentialsDropDown() throws Exception {
        for (Class<?> owner : List.of(InfluxServer.class, InfluxExtractStep.class, InfluxLoadStep.class, ScoreStep.class)) {
            String jelly = resource(BASE + owner.getSimpleName() + "/config.jelly");
            assertThat(jelly).as(owner.getSimpleName()).contains("xmlns:c=\"/lib/credentials\"")
                    .containsPattern("<f:entry field=\"credentialsId\" title=\"[^\"]+\">\\s*<c:select/>\\s*</f:entry>");
            Class<?> descriptor = Class.forName(owner.getName() + "$DescriptorImpl");
            java.lang.reflect.Method fill = descriptor.getMethod("doFillCredentialsIdItems", hudson.model.Item.class, String.class, String.class);
            assertThat(fill.getParameters()[0].isAnnotationPresent(org.kohsuke.stapler.AncestorInPath.class)).isTrue();
            assertThat(List.of(fill.getParameters()[1], fill.getParameters()[2]))
                    .map(param -> param.getAnnotation(org.kohsuke.stapler.QueryParameter.class) != null ? param.getName() : "?")
                    .containsExactly("url", "credentialsId");
            java.lang.reflect.Method check = descriptor.getMethod("doCheckCredentialsId", hudson.model.Item.class, String.class, String.class);
            assertThat(check.getParameters()[2].getName()).isEqualTo("value");
        }
    }

    @Test
    void indexJellyAndDisplayNames() throws IOException {
        assertThat(resource("/index.jelly")).startsWith("<?jelly escape-by-default='true'?>").contains("<div>");
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream(BASE + "Messages.properties")) {
            p.load(in);
        }
        for (String key : List.of("ForecastStep.DisplayName", "InfluxExtractStep.DisplayName", "InfluxLoadStep.DisplayName", "ScoreStep.DisplayName",
                "InfluxServer.DisplayName", "InfluxForecastConfiguration.DisplayName")) {
            assertThat(p.getProperty(key)).as(key).isNotBlank();
        }
    }
}
