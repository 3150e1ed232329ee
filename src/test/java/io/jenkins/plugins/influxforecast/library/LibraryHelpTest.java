package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.library.LibrarySettings;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The help of the library's global variables documents every setting the code accepts. */
class LibraryHelpTest {

    private static void documents(String help, Iterable<String> settings) {
        for (String setting : settings) {
            assertThat(Pattern.compile("(?m)^\\s+" + Pattern.quote(setting) + "(,| |$)").matcher(help).find())
                    .as("%s documented", setting).isTrue();
        }
    }

    @Test
    void forecastPipelineHelpListsEverySetting() {
        String help = PipelineHarness.read("vars/forecastPipeline.txt");
        documents(help, LibrarySettings.jobSettings());
        documents(help, LibrarySettings.forecastSettings());
        assertThat(help).contains("config ").contains("Example:");
    }

    /** The help's full example is a forecasts.yaml the library accepts, with the settings it shows. */
    @Test
    void forecastPipelineHelpsFullExampleIsValid() {
        String help = PipelineHarness.read("vars/forecastPipeline.txt");
        String example = help.substring(help.indexOf("FULL EXAMPLE"), help.indexOf("REQUIRES"));
        String yaml = example.lines().filter(l -> l.startsWith("    ")).map(l -> l.substring(4))
                .collect(java.util.stream.Collectors.joining("\n"));
        JobConfig job = new ForecastsFile().parse(yaml, "FULL EXAMPLE");
        assertThat(job.forecasts()).extracting(ForecastConfig::name).containsExactly("pr-noord", "city-total");
        assertThat(job.forecasts().get(0).forecastOptions()).containsEntry("backfill", 2).containsEntry("history", true);
        assertThat(job.forecasts().get(1).scoreOptions()).containsEntry("maxLiveMase", 1.5).containsEntry("every", "12h");
    }

    @Test
    void forecastPodHelpListsEveryParameter() {
        documents(PipelineHarness.read("vars/forecastPod.txt"), LibrarySettings.podParameters());
    }
}
