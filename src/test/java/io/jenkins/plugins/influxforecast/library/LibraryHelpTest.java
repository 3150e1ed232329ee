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

    @Test
    void forecastPodHelpListsEveryParameter() {
        documents(PipelineHarness.read("vars/forecastPod.txt"), LibrarySettings.podParameters());
    }
}
