package io.jenkins.plugins.influxforecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forecast's horizon reaches the model through ForecastModel.forHorizon, not through a check of the model's name. */
class ForecastRequestModelTest {

    @Test
    void autoBacktestsOnWindowsOfTheForecastLengthUnlessItsSpecSaysOtherwise() {
        assertThat(Models.create("auto").forHorizon(12).spec().param("horizon")).hasValue("12");
        assertThat(Models.create("auto(horizon=5)").forHorizon(12).spec().param("horizon")).hasValue("5");
        ForecastModel naive = Models.create("naive");
        assertThat(naive.forHorizon(12)).isSameAs(naive);
    }

    @Test
    void theRequestHoldsTheParsedSpec() {
        ForecastRequest req = ForecastRequest.fromOptions(Map.of("input", "in.csv", "outputDir", "out", "model", " auto( windows = 2 ) ",
                "validation", "24"));
        assertThat(req.model()).isEqualTo(ModelSpec.parse("auto(windows=2)"));
        assertThat(req.createModel(48).spec().toString()).isEqualTo("auto(windows=2,horizon=48)");
        assertThat(req.toMap()).containsEntry("model", "auto(windows=2)");
    }
}
