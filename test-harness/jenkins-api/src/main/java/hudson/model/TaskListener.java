package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.OutputStreamWriter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Shim of {@code hudson.model.TaskListener}: the build log. */
public interface TaskListener extends SerializableOnlyOverRemoting {

    /** A listener that discards everything (core's {@code TaskListener.NULL}). */
    TaskListener NULL = () -> new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    @NonNull
    PrintStream getLogger();

    /** Restricted to Jenkins core in the real API ({@code @Restricted(ProtectedExternally.class)}). */
    @NonNull
    default Charset getCharset() {
        return StandardCharsets.UTF_8;
    }

    /** Prints {@code ERROR: msg} and returns a writer for further detail. */
    @NonNull
    default PrintWriter error(String msg) {
        PrintStream out = getLogger();
        out.print("ERROR: ");
        out.println(msg);
        return new PrintWriter(new OutputStreamWriter(out, getCharset()), true);
    }
}
