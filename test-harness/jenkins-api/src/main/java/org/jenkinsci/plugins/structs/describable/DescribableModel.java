package org.jenkinsci.plugins.structs.describable;

import hudson.model.Result;
import hudson.model.TaskListener;
import java.beans.Introspector;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Shim of structs' {@code DescribableModel}
 * (jenkinsci/structs-plugin, {@code plugin/src/main/java/org/jenkinsci/plugins/structs/describable/DescribableModel.java}):
 * how Pipeline binds a step call's named arguments to a {@code @DataBoundConstructor} and
 * {@code @DataBoundSetter}s, and how the Snippet Generator turns a configured instance back into
 * arguments. The behaviour the steps depend on is reproduced, with the real line numbers:
 * <ul>
 * <li>{@code :93} {@link #STRICT_PARAMETER_CHECKING} is {@code Main.isUnitTest}: unknown arguments throw
 *     only under a test harness ({@link #instantiate(Map, TaskListener)});</li>
 * <li>{@code :295-325} otherwise they are printed to the build log as
 *     {@code WARNING: Unknown parameter(s) found for class type '...': a,b} and ignored;</li>
 * <li>{@code :267-271} the deprecated {@link #instantiate(Map)} (what a {@code StepDescriptor.newInstance}
 *     override reaches) has no listener and logs them at FINE, where nobody sees them;</li>
 * <li>{@code :451-495} {@code coerce}: Groovy's argument coercion first (a number narrows to the numeric
 *     parameter type, {@code 0.2} into an {@code int} becomes 0, as {@code CachedClass.coerceArgument}
 *     does), a {@code GString} becomes a {@code String}, lists convert element by element, a
 *     {@code String} converts to a number, boolean, enum, {@code URL}, {@code Result} or char; anything else
 *     that is not an instance of the parameter type fails with
 *     {@code ClassCastException: <class>.<name> expects <type> but received <class>} (so a number never
 *     becomes a {@code String}, and a {@code String} never becomes a list);</li>
 * <li>{@code :670-740} {@link #uninstantiate2}: the required (constructor) values always, the optional
 *     ones only where they differ from a control instance built from the constructor values alone.</li>
 * </ul>
 * Every failure of {@link #instantiate} is wrapped as {@code IllegalArgumentException("Could not instantiate
 * <arguments> for <model>: <cause>")}, as the real method does. Nested describables (maps with
 * {@code $class}), symbols and the schema/help methods are left out: no influx-forecast step takes one.
 */
public final class DescribableModel<T> {

    /**
     * Whether unknown arguments are an error (under a test harness: {@code hudson.Main.isUnitTest}) or
     * a warning in the build log (production). Public and mutable as in the real class, so that both
     * modes can be tested; the shim starts in production mode.
     */
    @SuppressWarnings("checkstyle:VisibilityModifier")
    public static boolean STRICT_PARAMETER_CHECKING = false;

    private static final Logger LOGGER = Logger.getLogger(DescribableModel.class.getName());

    private final Class<T> type;
    private final Constructor<T> constructor;
    private final String[] constructorParamNames;
    private final Map<String, DescribableParameter> parameters = new LinkedHashMap<>();

    public DescribableModel(Class<T> clazz) {
        this.type = clazz;
        this.constructor = findConstructor(clazz);
        Parameter[] ps = constructor.getParameters();
        constructorParamNames = new String[ps.length];
        for (int i = 0; i < ps.length; i++) {
            if (!ps[i].isNamePresent()) {
                throw new IllegalStateException("compile with -parameters: no parameter names on " + constructor);
            }
            constructorParamNames[i] = ps[i].getName();
            parameters.put(ps[i].getName(), new DescribableParameter(this, ps[i].getParameterizedType(), ps[i].getName(), null, null));
        }
        // the optional parameters, sorted alphabetically, from the class and its superclasses
        Map<String, DescribableParameter> rest = new TreeMap<>();
        for (Class<?> c = clazz; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) {
                    rest.putIfAbsent(f.getName(), new DescribableParameter(this, f.getGenericType(), f.getName(), null, f));
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class)) {
                    if (!m.getName().startsWith("set") || m.getParameterCount() != 1) {
                        throw new IllegalStateException(m + " cannot be a @DataBoundSetter");
                    }
                    String name = Introspector.decapitalize(m.getName().substring(3));
                    rest.putIfAbsent(name, new DescribableParameter(this, m.getGenericParameterTypes()[0], name, m, null));
                }
            }
        }
        parameters.putAll(rest);
    }

    @SuppressWarnings("unchecked")
    private static <T> Constructor<T> findConstructor(Class<T> c) {
        for (Constructor<?> ctor : c.getConstructors()) {
            if (ctor.isAnnotationPresent(DataBoundConstructor.class)) {
                return (Constructor<T>) ctor;
            }
        }
        throw new IllegalArgumentException(c + " does not have a @DataBoundConstructor");
    }

    public Class<T> getType() {
        return type;
    }

    /** The constructor parameters in declaration order, then the optional ones alphabetically. */
    public Collection<DescribableParameter> getParameters() {
        return Collections.unmodifiableCollection(parameters.values());
    }

    public DescribableParameter getParameter(String name) {
        return parameters.get(name);
    }

    /**
     * Binds named arguments as a Pipeline step call does ({@code DSL} passes the build log as
     * {@code listener}): unknown arguments are an error under a test harness and a warning in the
     * log otherwise.
     */
    public T instantiate(Map<String, ?> arguments, TaskListener listener) {
        try {
            Object[] args = new Object[constructorParamNames.length];
            Type[] types = constructor.getGenericParameterTypes();
            for (int i = 0; i < args.length; i++) {
                Object a = arguments.get(constructorParamNames[i]);
                if (a != null) {
                    args[i] = coerce(type.getName() + "." + constructorParamNames[i], types[i], a);
                } else if (types[i] instanceof Class<?> k && k.isPrimitive()) {
                    args[i] = primitiveDefault(k);
                }
            }
            T o = constructor.newInstance(args);
            for (DescribableParameter p : parameters.values()) {
                if (!p.isRequired() && arguments.containsKey(p.getName())) {
                    p.set(o, coerce(p.setterDisplayName(), p.getType(), arguments.get(p.getName())));
                }
            }
            Set<String> unknown = new TreeSet<>(arguments.keySet());
            unknown.removeAll(parameters.keySet());
            if (!unknown.isEmpty()) {
                String message = "WARNING: Unknown parameter(s) found for class type '" + type.getName() + "': " + String.join(",", unknown);
                if (STRICT_PARAMETER_CHECKING) {
                    throw new IllegalArgumentException(message);
                } else if (listener != null) {
                    listener.getLogger().println(message);
                } else {
                    LOGGER.log(Level.FINE, message);
                }
            }
            return o;
        } catch (Exception x) {
            Throwable cause = x instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : x;
            throw new IllegalArgumentException("Could not instantiate " + arguments + " for " + this + ": " + cause, cause);
        }
    }

    /**
     * The deprecated form without a build log ({@code StepDescriptor.newInstance(Map)} calls it):
     * unknown arguments are logged at FINE and otherwise ignored outside a test harness.
     */
    @Deprecated
    public T instantiate(Map<String, ?> arguments) throws Exception {
        return instantiate(arguments, null);
    }

    private static Object primitiveDefault(Class<?> k) {
        return Array.get(Array.newInstance(k, 1), 0);
    }

    /** Converts an argument to a parameter type, or fails with the real ClassCastException message. */
    static Object coerce(String context, Type type, Object o) throws Exception {
        Class<?> erased = erasure(type);
        if (type instanceof Class<?>) {
            o = groovyCoerceArgument(erased, o);
        }
        if (isGString(o)) {
            o = o.toString();
        }
        if (o instanceof List<?> list && Collection.class.isAssignableFrom(erased)) {
            Type element = elementType(type);
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                out.add(coerce(context, element, e));
            }
            return out;
        } else if (wrap(erased).isInstance(o)) {
            return o;
        } else if (o == null) {
            return null;
        } else if (o instanceof String s && erased.isEnum()) {
            return enumValue(erased, s);
        } else if (o instanceof String s && erased == URL.class) {
            return new URL(s);
        } else if (o instanceof String s && (erased == char.class || erased == Character.class) && s.length() == 1) {
            return s.charAt(0);
        } else if (o instanceof String s && erased == Result.class) {
            return Result.fromString(s);
        } else if (o instanceof String s && (wrap(erased) != erased || erased == Boolean.class || Number.class.isAssignableFrom(erased))
                && erased != Object.class) {
            return fromString(wrap(erased), s);
        } else if (o instanceof List<?> list && erased.isArray()) {
            Class<?> component = erased.getComponentType();
            Object array = Array.newInstance(component, list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(array, i, coerce(context, component, list.get(i)));
            }
            return array;
        }
        throw new ClassCastException(context + " expects " + type + " but received " + o.getClass());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> erased, String s) {
        return Enum.valueOf((Class) erased, s);
    }

    /** A text as a number or boolean of the (wrapper) type; a malformed number throws NumberFormatException. */
    private static Object fromString(Class<?> wrapper, String s) {
        if (wrapper == Integer.class) {
            return Integer.valueOf(s);
        } else if (wrapper == Long.class) {
            return Long.valueOf(s);
        } else if (wrapper == Double.class) {
            return Double.valueOf(s);
        } else if (wrapper == Float.class) {
            return Float.valueOf(s);
        } else if (wrapper == Short.class) {
            return Short.valueOf(s);
        } else if (wrapper == Byte.class) {
            return Byte.valueOf(s);
        } else if (wrapper == Boolean.class) {
            return Boolean.valueOf(s);
        } else if (wrapper == BigDecimal.class) {
            return new BigDecimal(s);
        } else if (wrapper == BigInteger.class) {
            return new BigInteger(s);
        }
        throw new ClassCastException("cannot convert '" + s + "' to " + wrapper);
    }

    /**
     * What Groovy's {@code ReflectionCache.getCachedClass(type).coerceArgument(o)} does before structs
     * looks at a value: a number is narrowed to a numeric parameter type ({@code intValue()},
     * {@code doubleValue()}, ...); everything else is left alone (a number stays a number for a
     * {@code String} parameter).
     */
    static Object groovyCoerceArgument(Class<?> type, Object o) {
        if (!(o instanceof Number n)) {
            return o;
        }
        Class<?> w = wrap(type);
        if (w == Integer.class) {
            return n.intValue();
        } else if (w == Long.class) {
            return n.longValue();
        } else if (w == Double.class) {
            return n.doubleValue();
        } else if (w == Float.class) {
            return n.floatValue();
        } else if (w == Short.class) {
            return n.shortValue();
        } else if (w == Byte.class) {
            return n.byteValue();
        } else if (w == BigDecimal.class && !(o instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        }
        return o;
    }

    /** Whether {@code o} is a Groovy {@code GString} (by class name: the shim does not depend on Groovy). */
    static boolean isGString(Object o) {
        for (Class<?> c = o == null ? null : o.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("groovy.lang.GString")) {
                return true;
            }
        }
        return false;
    }

    static Class<?> erasure(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type elementType(Type t) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    static Class<?> wrap(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return Array.get(Array.newInstance(c, 1), 0).getClass();
    }

    /**
     * The arguments that recreate {@code o} (Snippet Generator): every required parameter; an
     * optional one only if its value is not null and differs from a control instance made from the
     * required values alone.
     */
    public UninstantiatedDescribable uninstantiate2(T o) throws UnsupportedOperationException {
        Map<String, Object> r = new TreeMap<>();
        Map<String, Object> required = new LinkedHashMap<>();
        for (DescribableParameter p : parameters.values()) {
            Object v = p.inspect(o);
            if (p.isRequired()) {
                required.put(p.getName(), v);
            }
            if (v != null) {
                r.put(p.getName(), uncoerce(v));
            }
        }
        T control = null;
        try {
            control = instantiate(required, null);
        } catch (RuntimeException x) {
            LOGGER.log(Level.FINE, "cannot create control instance of " + type, x);
        }
        if (control != null) {
            for (DescribableParameter p : parameters.values()) {
                if (!p.isRequired() && r.containsKey(p.getName()) && equal(p.inspect(o), p.inspect(control))) {
                    r.remove(p.getName());
                }
            }
        }
        return new UninstantiatedDescribable(r);
    }

    /** {@code new DescribableModel(o.getClass()).uninstantiate2(o)}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static UninstantiatedDescribable uninstantiate2_(Object o) {
        return new DescribableModel(o.getClass()).uninstantiate2(o);
    }

    private static boolean equal(Object a, Object b) {
        if (a != null && b != null && a.getClass().isArray() && b.getClass().isArray()) {
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
        return Objects.equals(a, b);
    }

    private static Object uncoerce(Object v) {
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof URL || v instanceof Character || v instanceof Result) {
            return v.toString();
        }
        if (v.getClass().isArray() && !v.getClass().getComponentType().isPrimitive()) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Object[]) v) {
                out.add(e == null ? null : uncoerce(e));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object e : c) {
                out.add(e == null ? null : uncoerce(e));
            }
            return out;
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(type.getSimpleName()).append('(');
        boolean first = true;
        for (DescribableParameter p : parameters.values()) {
            b.append(first ? "" : ", ").append(p.getName()).append(p.isRequired() ? "" : "?").append(": ")
                    .append(erasure(p.getType()).getSimpleName());
            first = false;
        }
        return b.append(')').toString();
    }

    /** Whether {@code m} is public and not static (a getter the model can read). */
    static boolean readable(Method m) {
        return Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0;
    }
}
