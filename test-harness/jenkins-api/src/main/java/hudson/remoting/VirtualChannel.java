package hudson.remoting;

/**
 * Shim of remoting's {@code hudson.remoting.VirtualChannel}. The shim has no remote channels: a
 * null channel means "this JVM", as {@code FilePath.localChannel} does in Jenkins.
 */
public interface VirtualChannel {
}
