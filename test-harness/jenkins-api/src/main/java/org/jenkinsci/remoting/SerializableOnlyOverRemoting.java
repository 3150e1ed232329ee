package org.jenkinsci.remoting;

/** Shim of remoting's {@code org.jenkinsci.remoting.SerializableOnlyOverRemoting} (marker). */
public interface SerializableOnlyOverRemoting extends java.io.Serializable {
}
