package org.jenkinsci.plugins.structs.describable;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * Shim of structs' {@code DescribableParameter}: one parameter of a {@link DescribableModel}, required
 * (a {@code @DataBoundConstructor} argument) or optional (a {@code @DataBoundSetter} method or field).
 * Its value is read back through the getter ({@code getX}/{@code isX}) or the field, as the real
 * {@code inspect} does; a parameter without either cannot be uninstantiated.
 */
public final class DescribableParameter {

    private final DescribableModel<?> parent;
    private final Type type;
    private final String name;
    private final Method setter;
    private final Field field;

    DescribableParameter(DescribableModel<?> parent, Type type, String name, Method setter, Field field) {
        this.parent = parent;
        this.type = type;
        this.name = name;
        this.setter = setter;
        this.field = field;
    }

    public String getName() {
        return name;
    }

    public Type getType() {
        return type;
    }

    public Class<?> getErasedType() {
        return DescribableModel.erasure(type);
    }

    /** Required parameters are the {@code @DataBoundConstructor}'s. */
    public boolean isRequired() {
        return setter == null && field == null;
    }

    String setterDisplayName() {
        return setter != null ? setter.toString() : field != null ? field.toString() : parent.getType().getName() + "." + name;
    }

    void set(Object o, Object value) throws ReflectiveOperationException {
        if (setter != null) {
            setter.setAccessible(true);
            setter.invoke(o, value);
        } else {
            field.setAccessible(true);
            field.set(o, value);
        }
    }

    /** The parameter's current value in {@code o}, through its getter or field. */
    Object inspect(Object o) {
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String getter : new String[] {"get" + cap, "is" + cap}) {
            try {
                Method m = o.getClass().getMethod(getter);
                if (DescribableModel.readable(m)) {
                    return m.invoke(o);
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            } catch (IllegalAccessException e) {
                throw new UnsupportedOperationException(e);
            } catch (InvocationTargetException e) {
                throw new UnsupportedOperationException("getter of " + name + " failed", e.getCause());
            }
        }
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new UnsupportedOperationException(e);
            }
        }
        throw new UnsupportedOperationException("no public field '" + name + "' (or getter method) found in " + o.getClass());
    }
}
