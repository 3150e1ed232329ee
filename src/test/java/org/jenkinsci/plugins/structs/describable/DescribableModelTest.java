package org.jenkinsci.plugins.structs.describable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.GString;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.codehaus.groovy.runtime.GStringImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The shim's DescribableModel against cases of structs' own DescribableModelTest
 * ({@code plugin/src/test/java/org/jenkinsci/plugins/structs/describable/DescribableModelTest.java}:
 * erroneousParameters, mismatchedTypes, uninstantiate, gstring, enums, chars, urls, result,
 * stringList, stringArray) and facts of its {@code coerce} and Groovy's argument coercion.
 */
class DescribableModelTest {

    @AfterEach
    void production() {
        DescribableModel.STRICT_PARAMETER_CHECKING = false;
    }

    /** A describable with a required text and flag and optional values (like the real test's C and I). */
    public static final class C {
        private final String text;
        private final boolean flag;
        private String note;
        private Integer count;
        private double ratio = 0.5;
        private List<String> items;
        private TimeUnit unit;
        private char c;
        private URL url;
        private Result result;
        private String[] names;

        @DataBoundConstructor
        public C(String text, boolean flag) {
            this.text = text;
            this.flag = flag;
        }

        public String getText() {
            return text;
        }

        public boolean isFlag() {
            return flag;
        }

        public String getNote() {
            return note;
        }

        @DataBoundSetter
        public void setNote(String note) {
            this.note = note;
        }

        public Integer getCount() {
            return count;
        }

        @DataBoundSetter
        public void setCount(Integer count) {
            this.count = count;
        }

        public double getRatio() {
            return ratio;
        }

        @DataBoundSetter
        public void setRatio(double ratio) {
            this.ratio = ratio;
        }

        public List<String> getItems() {
            return items;
        }

        @DataBoundSetter
        public void setItems(List<String> items) {
            this.items = items;
        }

        public TimeUnit getUnit() {
            return unit;
        }

        @DataBoundSetter
        public void setUnit(TimeUnit unit) {
            this.unit = unit;
        }

        public char getC() {
            return c;
        }

        @DataBoundSetter
        public void setC(char c) {
            this.c = c;
        }

        public URL getUrl() {
            return url;
        }

        @DataBoundSetter
        public void setUrl(URL url) {
            this.url = url;
        }

        public Result getResult() {
            return result;
        }

        @DataBoundSetter
        public void setResult(Result result) {
            this.result = result;
        }

        public String[] getNames() {
            return names;
        }

        @DataBoundSetter
        public void setNames(String[] names) {
            this.names = names;
        }
    }

    private static C instantiate(Map<String, ?> args) {
        return new DescribableModel<>(C.class).instantiate(args, TaskListener.NULL);
    }

    @Test
    void unknownArgumentsThrowUnderATestHarness() {
        DescribableModel.STRICT_PARAMETER_CHECKING = true;
        assertThatThrownBy(() -> instantiate(Map.of("text", "hello", "flag", true, "garbage", "!", "junk", "splat")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WARNING: Unknown parameter(s) found for class type '" + C.class.getName() + "': garbage,junk");
    }

    @Test
    void unknownArgumentsAreAWarningInTheBuildLogInProduction() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        C c = new DescribableModel<>(C.class).instantiate(Map.of("text", "hello", "flag", true, "junk", 1), () -> ps);
        assertThat(c.getText()).isEqualTo("hello");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("WARNING: Unknown parameter(s) found for class type '" + C.class.getName() + "': junk\n");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedInstantiateWithoutALogLosesThemSilently() throws Exception {
        C c = new DescribableModel<>(C.class).instantiate(Map.of("text", "hello", "flag", true, "junk", 1));
        assertThat(c.getText()).isEqualTo("hello");
    }

    @Test
    void aNumberIsNeverAString() {
        assertThatThrownBy(() -> instantiate(Map.of("text", 99, "flag", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(C.class.getName()).hasMessageContaining("text")
                .rootCause().isInstanceOf(ClassCastException.class)
                .hasMessage(C.class.getName() + ".text expects class java.lang.String but received class java.lang.Integer");
    }

    @Test
    void aGStringIsAString() {
        GString g = new GStringImpl(new Object[] {"hello", "world"}, new String[] {"", " "});
        assertThat(instantiate(Map.of("text", g, "flag", true)).getText()).isEqualTo("hello world");
        GString unit = new GStringImpl(new Object[0], new String[] {"SECONDS"});
        assertThat(instantiate(Map.of("text", "t", "flag", true, "unit", unit)).getUnit()).isEqualTo(TimeUnit.SECONDS);
    }

    @Test
    void textConvertsToEnumsCharsUrlsResultsNumbersAndBooleans() {
        C c = instantiate(Map.of("text", "t", "flag", "true", "unit", "MINUTES", "c", "!", "url", "http://nowhere.net/",
                "result", "UNSTABLE", "count", "144", "ratio", "0.2"));
        assertThat(c.isFlag()).isTrue();
        assertThat(c.getUnit()).isEqualTo(TimeUnit.MINUTES);
        assertThat(c.getC()).isEqualTo('!');
        assertThat(c.getUrl()).hasToString("http://nowhere.net/");
        assertThat(c.getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(c.getCount()).isEqualTo(144);
        assertThat(c.getRatio()).isEqualTo(0.2);
        assertThatThrownBy(() -> instantiate(Map.of("text", "t", "flag", true, "count", "many")))
                .rootCause().isInstanceOf(NumberFormatException.class);
    }

    /** Groovy's coerceArgument narrows numbers: {@code 0.2} (a BigDecimal) into an Integer is 0, as in Jenkins. */
    @Test
    void numbersAreNarrowedToTheParameterType() {
        assertThat(instantiate(Map.of("text", "t", "flag", true, "count", new BigDecimal("0.2"))).getCount()).isZero();
        assertThat(instantiate(Map.of("text", "t", "flag", true, "count", 3_000_000_000L)).getCount()).isEqualTo((int) 3_000_000_000L);
        assertThat(instantiate(Map.of("text", "t", "flag", true, "ratio", new BigDecimal("0.2"))).getRatio()).isEqualTo(0.2);
        assertThat(instantiate(Map.of("text", "t", "flag", true, "ratio", 168)).getRatio()).isEqualTo(168.0);
    }

    @Test
    void listsAndArraysConvertElementByElementAndALoneTextIsNotAList() {
        C c = instantiate(Map.of("text", "t", "flag", true, "items", List.of("one", new GStringImpl(new Object[0], new String[] {"two"})),
                "names", List.of("a", "b")));
        assertThat(c.getItems()).containsExactly("one", "two");
        assertThat(c.getNames()).containsExactly("a", "b");
        assertThatThrownBy(() -> instantiate(Map.of("text", "t", "flag", true, "items", "one")))
                .rootCause().isInstanceOf(ClassCastException.class)
                .hasMessageContaining("expects java.util.List<java.lang.String> but received class java.lang.String");
        assertThatThrownBy(() -> instantiate(Map.of("text", "t", "flag", true, "items", List.of(1))))
                .rootCause().isInstanceOf(ClassCastException.class);
    }

    @Test
    void aMissingPrimitiveConstructorArgumentIsItsDefault() {
        C c = instantiate(Map.of("text", "t"));
        assertThat(c.isFlag()).isFalse();
    }

    @Test
    void uninstantiateEmitsTheRequiredValuesAndOnlyOptionalValuesThatDifferFromTheDefaults() {
        C c = new C("stuff", true);
        assertThat(DescribableModel.uninstantiate2_(c).toMap()).containsOnly(Map.entry("flag", true), Map.entry("text", "stuff"));
        c.setRatio(0.5);
        c.setCount(3);
        c.setUnit(TimeUnit.HOURS);
        c.setItems(List.of("x"));
        assertThat(DescribableModel.uninstantiate2_(c).toMap()).containsOnly(Map.entry("flag", true), Map.entry("text", "stuff"),
                Map.entry("count", 3), Map.entry("unit", "HOURS"), Map.entry("items", List.of("x")));
    }

    /** An empty text box binds "" in the Snippet Generator; "" differs from a null default and is emitted. */
    @Test
    void anEmptyTextDiffersFromANullDefault() {
        C c = new C("stuff", false);
        c.setNote("");
        assertThat(DescribableModel.uninstantiate2_(c).toMap()).containsEntry("note", "");
    }

    @Test
    void parametersAreTheConstructorsThenTheSettersAlphabetically() {
        assertThat(new DescribableModel<>(C.class).getParameters()).extracting(DescribableParameter::getName)
                .containsExactly("text", "flag", "c", "count", "items", "names", "note", "ratio", "result", "unit", "url");
    }
}
