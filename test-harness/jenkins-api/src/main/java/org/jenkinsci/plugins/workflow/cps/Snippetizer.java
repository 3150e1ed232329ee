package org.jenkinsci.plugins.workflow.cps;

import java.util.Collection;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.steps.Step;

/**
 * Shim of workflow-cps' {@code Snippetizer} (the Snippet Generator,
 * {@code plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/Snippetizer.java}), only
 * {@link #step2Groovy}: the step's {@code uninstantiate} arguments (required values, and optional
 * values that differ from the defaults) as a Groovy call {@code name a: 'x', b: 2}. Texts are
 * single-quoted with backslash and quote escaped, numbers and booleans bare, lists in brackets.
 */
public final class Snippetizer {

    private Snippetizer() {
    }

    public static String step2Groovy(Step s) throws UnsupportedOperationException {
        Map<String, ?> args = s.getDescriptor().uninstantiate(s).getArguments();
        StringBuilder b = new StringBuilder(s.getDescriptor().getFunctionName());
        String sep = " ";
        for (String name : new DescribableModel<>(s.getClass()).getParameters().stream().map(p -> p.getName()).toList()) {
            if (args.containsKey(name)) {
                b.append(sep).append(name).append(": ");
                literal(b, args.get(name));
                sep = ", ";
            }
        }
        return b.toString();
    }

    private static void literal(StringBuilder b, Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Collection<?> c) {
            b.append('[');
            String sep = "";
            for (Object e : c) {
                b.append(sep);
                literal(b, e);
                sep = ", ";
            }
            b.append(']');
        } else {
            b.append('\'').append(String.valueOf(v).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")).append('\'');
        }
    }
}
