package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.lang.reflect.Constructor;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shim of {@code hudson.ExtensionList}. Jenkins discovers {@code @Extension} classes from the
 * sezpoz index and keeps one instance of each; the shim creates that one instance on first lookup
 * (through the class's no-argument constructor) and keeps it for the life of the JVM.
 */
public class ExtensionList<T> extends AbstractList<T> {

    private static final Map<Class<?>, Object> INSTANCES = new ConcurrentHashMap<>();

    private final List<T> items;

    private ExtensionList(List<T> items) {
        this.items = items;
    }

    @Override
    public T get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** The extensions of {@code type}: in the shim, the one instance of that class. */
    public static @NonNull <T> ExtensionList<T> lookup(Class<T> type) {
        return new ExtensionList<>(List.of(lookupSingleton(type)));
    }

    /** The one instance of an extension class. */
    @SuppressWarnings("unchecked")
    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        return (U) INSTANCES.computeIfAbsent(type, ExtensionList::instantiate);
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Expected 1 instance of " + type.getName() + " but got 0", e);
        }
    }
}
