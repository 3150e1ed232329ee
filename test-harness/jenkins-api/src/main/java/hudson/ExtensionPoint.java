package hudson;

/** Shim of {@code hudson.ExtensionPoint} (marker). */
public interface ExtensionPoint {
}
