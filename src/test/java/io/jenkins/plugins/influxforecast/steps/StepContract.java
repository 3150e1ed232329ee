package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.pipeline.CommandDef;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The contract between a step and its engine command: every option of the command is a step
 * parameter of the matching type (required ones in the {@code @DataBoundConstructor}, optional
 * ones as {@code @DataBoundSetter}s, each with a getter), and every step parameter is an option
 * or one of the step's declared own parameters.
 */
final class StepContract {

    private StepContract() {
    }

    /** Parameter name to Java type, in declaration order: constructor first, then setters. */
    static Map<String, Class<?>> parameters(Class<?> step) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    out.put(p.getName(), p.getType());
                }
            }
        }
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                String n = m.getName().substring(3);
                out.put(Character.toLowerCase(n.charAt(0)) + n.substring(1), m.getParameterTypes()[0]);
            }
        }
        return out;
    }

    static Set<String> constructorParameters(Class<?> step) {
        Set<String> out = new TreeSet<>();
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    out.add(p.getName());
                }
            }
        }
        return out;
    }

    static Class<?> javaType(OptionDef.Type t) {
        return switch (t) {
            case STRING -> String.class;
            case INT -> Integer.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> boolean.class;
            case LIST -> List.class;
        };
    }

    static void check(Class<?> step, CommandDef command, Set<String> stepOnly) {
        check(step, command, stepOnly, Set.of());
    }

    /**
     * @param optionalInStep options the engine requires but the step may take from elsewhere
     *                       (url: from the named server)
     */
    static void check(Class<?> step, CommandDef command, Set<String> stepOnly, Set<String> optionalInStep) {
        check(step, command, stepOnly, optionalInStep, Map.of());
    }

    /**
     * @param numericInStep options the command line takes as text but the step as a number (validation:
     *                      a fraction or a count, a number in a Pipeline), with the step's type
     */
    static void check(Class<?> step, CommandDef command, Set<String> stepOnly, Set<String> optionalInStep,
                      Map<String, Class<?>> numericInStep) {
        Map<String, Class<?>> params = parameters(step);
        Set<String> ctor = constructorParameters(step);
        for (OptionDef o : command.options()) {
            assertThat(params).as("step parameter for option %s (%s)", o.name(), o.cli()).containsKey(o.name());
            assertThat(params.get(o.name())).as("type of %s", o.name()).isEqualTo(numericInStep.getOrDefault(o.name(), javaType(o.type())));
            boolean requiredInStep = o.required() && !optionalInStep.contains(o.name());
            assertThat(ctor.contains(o.name())).as("%s is required, so in the @DataBoundConstructor", o.name()).isEqualTo(requiredInStep);
            assertThat(getter(step, o.name())).as("getter of %s", o.name()).isNotNull();
        }
        for (String p : params.keySet()) {
            boolean isOption = command.option(p).isPresent();
            assertThat(isOption || stepOnly.contains(p)).as("step parameter %s is an option of %s or a declared step-only parameter", p, command.name()).isTrue();
            assertThat(isOption && stepOnly.contains(p)).as("%s declared both ways", p).isFalse();
            assertThat(getter(step, p)).as("getter of %s", p).isNotNull();
        }
        assertThat(params.keySet()).containsAll(stepOnly);
    }

    static Method getter(Class<?> step, String name) {
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String prefix : new String[] {"get", "is"}) {
            try {
                Method m = step.getMethod(prefix + cap);
                if (Modifier.isPublic(m.getModifiers())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next prefix
            }
        }
        return null;
    }
}
