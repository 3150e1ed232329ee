package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The CPS mode of the harness rejects what Pipeline rejects, where plain Groovy would pass. */
class CpsModeTest {

    static final String UNSAFE = "src/test/resources/library/Jenkinsfile.cps-unsafe";

    static final class Plain extends PipelineHarness {
    }

    static final class Cps extends PipelineHarness {
        @Override
        boolean cps() {
            return true;
        }
    }

    @Test
    void anIteratorHeldAcrossAStepPassesInPlainGroovy() throws Exception {
        Plain plain = new Plain();
        plain.setUpHarness();
        plain.runScript(UNSAFE);
        assertThat(plain.log).containsExactly("a", "b");
    }

    @Test
    void anIteratorHeldAcrossAStepFailsInCpsMode() throws Exception {
        Cps cps = new Cps();
        cps.setUpHarness();
        assertThatThrownBy(() -> cps.runScript(UNSAFE)).hasStackTraceContaining("NotSerializableException")
                .hasStackTraceContaining("java.util.ArrayList$Itr");
    }
}
