package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Shim of workflow-step-api's {@code StepDescriptor}. {@link #newInstance} binds named arguments the
 * way Pipeline does (structs' DescribableModel): {@code @DataBoundConstructor} parameters by name
 * (the build compiles with {@code -parameters}), then {@code @DataBoundSetter}s; numbers and text
 * are coerced to the parameter type; an unknown argument is an error.
 */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract java.util.Set<? extends Class<?>> getRequiredContext();

    /** The name a Pipeline script calls the step by: {@code [a-z][A-Za-z0-9_]*}. */
    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    public boolean isAdvanced() {
        return false;
    }

    /** Instantiates the step from named arguments, as a Pipeline script's call does. */
    @Deprecated
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        Map<String, Object> remaining = new LinkedHashMap<>(arguments);
        Constructor<?> ctor = dataBoundConstructor(clazz);
        Parameter[] params = ctor.getParameters();
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            if (!params[i].isNamePresent()) {
                throw new IllegalStateException("compile with -parameters: no parameter names on " + ctor);
            }
            Object raw = remaining.remove(params[i].getName());
            values[i] = coerce(params[i].getName(), raw, params[i].getType(), params[i].getParameterizedType());
        }
        Step step = clazz.cast(ctor.newInstance(values));
        Map<String, Method> setters = new LinkedHashMap<>();
        for (Method m : clazz.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set") && m.getParameterCount() == 1) {
                String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                setters.put(name, m);
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, Object> e : remaining.entrySet()) {
            Method setter = setters.get(e.getKey());
            if (setter == null) {
                unknown.add(e.getKey());
                continue;
            }
            setter.invoke(step, coerce(e.getKey(), e.getValue(), setter.getParameterTypes()[0], setter.getGenericParameterTypes()[0]));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("WARNING: Unknown parameter(s) found for class type '" + clazz.getName() + "': " + String.join(",", unknown));
        }
        return step;
    }

    /**
     * A short text shown for a step call (e.g. in the flow graph), or null for none. Pipeline's
     * default shows a lone String argument.
     */
    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        if (namedArgs.size() == 1) {
            Object v = namedArgs.values().iterator().next();
            if (v instanceof String s) {
                return s;
            }
        }
        return null;
    }

    private static Constructor<?> dataBoundConstructor(Class<?> c) {
        for (Constructor<?> ctor : c.getConstructors()) {
            if (ctor.isAnnotationPresent(DataBoundConstructor.class)) {
                return ctor;
            }
        }
        throw new IllegalArgumentException(c.getName() + " has no @DataBoundConstructor");
    }

    private static Object coerce(String name, Object raw, Class<?> type, Type generic) {
        if (raw == null) {
            if (type == int.class) {
                return 0;
            }
            if (type == double.class) {
                return 0.0;
            }
            if (type == long.class) {
                return 0L;
            }
            if (type == boolean.class) {
                return false;
            }
            return null;
        }
        if (type == String.class) {
            if (raw instanceof CharSequence || raw instanceof Number || raw instanceof Boolean) {
                return raw.toString();
            }
        } else if (type == int.class || type == Integer.class) {
            if (raw instanceof Number n) {
                return n.intValue();
            }
            if (raw instanceof CharSequence s) {
                return Integer.valueOf(s.toString().trim());
            }
        } else if (type == long.class || type == Long.class) {
            if (raw instanceof Number n) {
                return n.longValue();
            }
            if (raw instanceof CharSequence s) {
                return Long.valueOf(s.toString().trim());
            }
        } else if (type == double.class || type == Double.class) {
            if (raw instanceof Number n) {
                return n.doubleValue();
            }
            if (raw instanceof CharSequence s) {
                return Double.valueOf(s.toString().trim());
            }
        } else if (type == boolean.class || type == Boolean.class) {
            if (raw instanceof Boolean) {
                return raw;
            }
            if (raw instanceof CharSequence s) {
                return Boolean.valueOf(s.toString().trim());
            }
        } else if (List.class.isAssignableFrom(type) || type == Collection.class) {
            List<Object> out = new ArrayList<>();
            if (raw instanceof Collection<?> c) {
                for (Object o : c) {
                    out.add(o instanceof CharSequence s ? s.toString() : o);
                }
            } else {
                out.add(raw instanceof CharSequence s ? s.toString() : raw);
            }
            return out;
        } else if (type.isInstance(raw)) {
            return raw;
        }
        throw new IllegalArgumentException("Expected " + type.getSimpleName() + " for " + name + " but got " + raw + " (" + raw.getClass().getSimpleName() + ")");
    }
}
