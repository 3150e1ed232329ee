package io.jenkins.plugins.influxforecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void parsesNamesParametersListsAndNestedSpecs() {
        ModelSpec s = ModelSpec.parse(" FFT( keep = 10, trend=poly, degree=3, season=144 ) ");
        assertThat(s.name()).isEqualTo("fft");
        assertThat(s.intParam("keep", 0, 1, 100)).isEqualTo(10);
        assertThat(s.choiceParam("trend", "none", "none", "poly", "exp")).isEqualTo("poly");
        assertThat(s).hasToString("fft(keep=10,trend=poly,degree=3,season=144)");
        ModelSpec m = ModelSpec.parse("mstl(seasons=[24, 168], model=ets)");
        assertThat(m.intListParam("seasons", 2, 10000)).containsExactly(24, 168);
        ModelSpec e = ModelSpec.parse("ensemble(ets, theta, arima(d=1), combine=median)");
        assertThat(e.members()).extracting(ModelSpec::name).containsExactly("ets", "theta", "arima");
        assertThat(e.members().get(2).intParam("d", 0, 0, 2)).isEqualTo(1);
        assertThat(e.param("combine")).contains("median");
        assertThat(ModelSpec.parse(e.toString())).isEqualTo(e);
        assertThat(ModelSpec.parse("naive()")).isEqualTo(ModelSpec.of("naive"));
    }

    @Test
    void syntaxAndValueErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> ModelSpec.parse("snaive(season=24")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> ModelSpec.parse("snaive(season=)")).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> ModelSpec.parse("a b")).hasMessageContaining("position 3");
        assertThatThrownBy(() -> ModelSpec.parse("x(a=1,a=2)")).hasMessageContaining("given twice");
        ModelSpec s = ModelSpec.parse("snaive(season=abc)");
        assertThatThrownBy(() -> s.intParam("season", 1, 1, 100)).hasMessage(
                "model snaive: parameter season must be an integer from 1 to 100, got 'abc'");
        assertThatThrownBy(() -> ModelSpec.parse("snaive(saison=2)").allowOnly("season"))
                .hasMessage("model snaive: unknown parameter 'saison'; allowed: season");
    }
}
