package hudson.model;

/**
 * Shim of {@code hudson.model.ItemGroup}: present only as the parent type of {@link Job}; the real
 * interface's members are not used by influx-forecast.
 */
public interface ItemGroup<T extends Item> {
}
