package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Shim of {@code hudson.FilePath}: a file on the node that owns it. The shim's files are all local
 * (a null channel); {@link #act} still serializes the callable and its result the way a remoting
 * channel to an agent would, so a callable that cannot travel fails here too.
 */
public final class FilePath implements SerializableOnlyOverRemoting {

    private transient VirtualChannel channel;
    private final String remote;

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        this.channel = channel;
        this.remote = normalize(remote);
    }

    public FilePath(@NonNull File localPath) {
        this((VirtualChannel) null, localPath.getPath());
    }

    public FilePath(@NonNull FilePath base, @NonNull String rel) {
        this.channel = base.channel;
        this.remote = normalize(resolve(base.remote, rel));
    }

    /** The path as the owning node sees it. */
    public String getRemote() {
        return remote;
    }

    private File file() {
        return new File(remote);
    }

    /** Runs the callable on the node that owns this path (serialized there and back, as over remoting). */
    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        FileCallable<T> shipped = roundTrip(callable);
        T result = shipped.invoke(file(), channel);
        return result == null ? null : roundTrip(result);
    }

    @SuppressWarnings("unchecked")
    private static <V> V roundTrip(V value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (V) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    @CheckForNull
    public FilePath getParent() {
        File parent = file().getParentFile();
        return parent == null ? null : new FilePath(channel, parent.getPath());
    }

    @CheckForNull
    public FilePath sibling(String rel) {
        FilePath parent = getParent();
        return parent == null ? null : parent.child(rel);
    }

    public String getName() {
        return file().getName();
    }

    public boolean exists() throws IOException, InterruptedException {
        return file().exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return file().isDirectory();
    }

    public long length() throws IOException, InterruptedException {
        return file().length();
    }

    public void mkdirs() throws IOException, InterruptedException {
        Files.createDirectories(file().toPath());
    }

    public boolean delete() throws IOException, InterruptedException {
        return Files.deleteIfExists(file().toPath());
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        Path root = file().toPath();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public InputStream read() throws IOException, InterruptedException {
        return Files.newInputStream(file().toPath());
    }

    /** The whole file as text in the node's default charset. */
    public String readToString() throws IOException, InterruptedException {
        return Files.readString(file().toPath(), Charset.defaultCharset());
    }

    /** Writes the file, creating missing parent folders. */
    public OutputStream write() throws IOException, InterruptedException {
        mkdirsParent();
        return Files.newOutputStream(file().toPath());
    }

    /** Writes text to the file; a null encoding means the node's default charset. */
    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        mkdirsParent();
        Files.writeString(file().toPath(), content, encoding == null ? Charset.defaultCharset() : Charset.forName(encoding));
    }

    private void mkdirsParent() throws IOException {
        File parent = file().getAbsoluteFile().getParentFile();
        if (parent != null) {
            Files.createDirectories(parent.toPath());
        }
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        try (OutputStream os = write()) {
            in.transferTo(os);
        }
    }

    public void copyTo(OutputStream os) throws IOException, InterruptedException {
        try (InputStream in = read()) {
            in.transferTo(os);
        }
    }

    @NonNull
    public List<FilePath> list() throws IOException, InterruptedException {
        List<FilePath> out = new ArrayList<>();
        File[] children = file().listFiles();
        if (children != null) {
            for (File c : children) {
                out.add(new FilePath(channel, c.getPath()));
            }
        }
        return out;
    }

    public void renameTo(final FilePath target) throws IOException, InterruptedException {
        Files.move(file().toPath(), target.file().toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A launcher for the node that owns this path. */
    public Launcher createLauncher(TaskListener listener) throws IOException, InterruptedException {
        return new Launcher.LocalLauncher(listener, channel);
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public boolean isRemote() {
        return false;
    }

    @Deprecated
    @Override
    public String toString() {
        return remote;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilePath other && remote.equals(other.remote);
    }

    @Override
    public int hashCode() {
        return remote.hashCode();
    }

    private static String resolve(String base, String rel) {
        if (new File(rel).isAbsolute()) {
            return rel;
        }
        return base.endsWith("/") ? base + rel : base + "/" + rel;
    }

    private static String normalize(String path) {
        String p = path.replaceAll("/+", "/");
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Code that runs on the node that owns a file. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    private static final long serialVersionUID = 1L;
}
