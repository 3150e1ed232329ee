package io.jenkins.plugins.influxforecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.report.ModelReport;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record handed out or given in cannot be changed through the lists, maps and arrays it was built from. */
class RecordCopiesTest {

    @Test
    void aForecastRequestKeepsTheLevelsAndTagsItWasValidatedWith() {
        ForecastRequest r = ForecastRequest.fromOptions(Map.of("input", "in.csv", "outputDir", "out", "levels", "80,95",
                "tags", List.of("site=a")));
        r.levels()[0] = 99.9;
        assertThat(r.levels()).containsExactly(80, 95);
        assertThatThrownBy(() -> r.tags().put("site", "b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void summariesAndReportsCopyWhatTheyAreGiven() {
        List<Long> lines = new ArrayList<>(List.of(4L));
        LoadResult load = new LoadResult("failed", 5, 4, 1, 1, 1, "e", 1, 0, lines);
        lines.add(5L);
        assertThat(load.droppedLines()).containsExactly(4L);
        assertThatThrownBy(() -> load.droppedLines().add(6L)).isInstanceOf(UnsupportedOperationException.class);

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("alpha", 0.5);
        parameters.put("beta", null); // a parameter without a value stays, in its place
        ModelReport m = new ModelReport("ets", parameters, new ArrayList<>(List.of("w")), null, null, null, null);
        parameters.put("gamma", 1.0);
        assertThat(m.parameters()).containsOnlyKeys("alpha", "beta");
        assertThat(m.parameters().keySet()).containsExactly("alpha", "beta");
        assertThat(m.flags()).isNull();
        assertThatThrownBy(() -> m.warnings().clear()).isInstanceOf(UnsupportedOperationException.class);

        RunMetrics metrics = RunMetrics.parse("{\"summary\": {\"series\": 1}, \"outputs\": [\"a.csv\"], \"parameters\": {\"x\": null}}");
        assertThatThrownBy(() -> metrics.outputs().add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(metrics.parameters()).containsEntry("x", null);
    }
}
