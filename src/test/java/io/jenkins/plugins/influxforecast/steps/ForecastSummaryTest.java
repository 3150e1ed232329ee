package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.report.RunMetrics;
import io.jenkins.plugins.influxforecast.report.Scores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forecast step reads metrics.json into its records: the returned map and the quality gate come from them. */
class ForecastSummaryTest {

    private static final Path METRICS = Path.of("src/test/resources/metrics/metrics-before-records.json");

    @Test
    void theReturnedMapHoldsPlainTypesFromTheRecords() throws IOException {
        LinkedHashMap<String, Object> m = ForecastStep.summarize(RunMetrics.read(METRICS));
        assertThat(m).containsEntry("series", 3L).containsEntry("succeeded", 2L).containsEntry("failed", 1L)
                .containsEntry("fallback", 0L).containsEntry("pointsForecast", 48L).containsEntry("engineVersion", "0.1.0-SNAPSHOT")
                .containsEntry("inputRows", 403L);
        assertThat(m.get("model")).asString().startsWith("ensemble(");
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) m.get("metrics");
        assertThat(metrics).containsOnlyKeys("mae", "rmse", "mape", "smape", "mase").containsEntry("mase", 0.40624840135332047);
        for (Object v : m.values()) {
            assertThat(v == null || v instanceof String || v instanceof Long || v instanceof Map).as(String.valueOf(v)).isTrue();
        }
    }

    @Test
    void theGateReadsTheValidationScores() throws IOException {
        Scores v = RunMetrics.read(METRICS).summary().validation();
        QualityGate failed = QualityGate.evaluate(v, 0.4, null, true);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.reasons()).containsExactly("validation MASE 0.4062 > maxMase 0.4000");
        QualityGate passed = QualityGate.evaluate(v, 0.5, 2.7, false);
        assertThat(passed.status()).isEqualTo(QualityGate.PASSED);
        assertThat(passed.reasons()).containsExactly("validation MASE 0.4062 <= maxMase 0.5000", "validation sMAPE 2.697 <= maxSmape 2.700");
        assertThat(QualityGate.evaluate(null, 1.0, null, false).reasons())
                .containsExactly("validation MASE is not available, so maxMase cannot be checked");
        assertThat(QualityGate.evaluate(v, null, null, false).configured()).isFalse();
    }
}
