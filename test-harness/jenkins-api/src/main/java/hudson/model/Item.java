package hudson.model;

/**
 * Shim of {@code hudson.model.Item}: present only as the type bound of {@link ItemGroup}; the real
 * interface's members are not used by influx-forecast.
 */
public interface Item {
}
