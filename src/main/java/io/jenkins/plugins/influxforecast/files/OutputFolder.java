package io.jenkins.plugins.influxforecast.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes a run's outputs as one set: every file is first written into a hidden staging folder
 * inside the output folder; {@link #commit()} then renames them into place under a commit record,
 * and finally turns the record into the folder's manifest (the files' SHA-256 sums). Whatever
 * instant the engine is killed at (SIGKILL, out of memory), the folder holds the complete previous
 * set, the complete new set, or a commit record: {@link #requireCompleteSet} (what {@code load}
 * calls) refuses a folder with a commit record or a file that differs from the manifest, and the
 * next run replaces the interrupted set whole. A run that fails before {@code commit()} leaves
 * nothing behind; a failure during the renames puts back what had been moved.
 *
 * <p>One run at a time: the folder's lock file ({@value #LOCK}, holding the owner's pid and host)
 * is locked by the operating system for as long as the run holds it, so a second run into the same
 * folder is refused with the owner's name, and the lock of a killed run is free again at once.
 */
public final class OutputFolder implements AutoCloseable {

    /** Staging folders are named after the engine's process id, so a later run can tell a dead run's leftovers. */
    static final String STAGING_PREFIX = ".influx-forecast-staging-";
    /** The lock file: present while a run writes the folder (and after a killed run, unlocked). */
    public static final String LOCK = ".influx-forecast.lock";
    /** The manifest of the complete set in the folder: the run's id and each file's SHA-256. */
    public static final String MANIFEST = ".influx-forecast-manifest.json";
    /** The commit record: present only while a commit renames files into place. */
    public static final String COMMITTING = ".influx-forecast-commit.json";

    /** Called after each file operation of a commit; tests stop the process there to check every state. */
    interface StepHook {
        void after(String operation);
    }

    static volatile StepHook stepHook = operation -> { };

    private final Path dir;
    private final Path staging;
    private final Map<String, Path> staged = new LinkedHashMap<>();
    private final ExitCleanup cleanup;
    private final FolderLock lock;
    private volatile boolean committed;

    public OutputFolder(Path dir) {
        this(dir, warning -> { });
    }

    /** Locks the folder, removes what killed runs left and creates the staging folder; warnings go to {@code log}. */
    public OutputFolder(Path dir, Consumer<String> log) {
        this.dir = dir.toAbsolutePath().normalize();
        FolderLock held = null;
        try {
            Files.createDirectories(this.dir);
            held = FolderLock.acquire(this.dir.resolve(LOCK), "output-dir " + dir);
            removeLeftoversOfKilledRuns(this.dir);
            if (Files.exists(this.dir.resolve(COMMITTING))) {
                log.accept("the previous run into " + dir + " was stopped while it put its outputs in place; they are"
                        + " replaced as a whole now");
            }
            this.staging = createStaging(this.dir);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            release(held);
            throw new IllegalArgumentException("output-dir " + dir + " cannot be created or written (" + e.getFile() + " is a file)");
        } catch (AccessDeniedException e) {
            release(held);
            throw new IllegalArgumentException("output-dir " + dir + " cannot be created or written (" + e.getFile() + ": permission denied)");
        } catch (java.nio.file.FileSystemException e) {
            release(held);
            throw new IllegalArgumentException("output-dir " + dir + " cannot be created or written (" + e.getFile() + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + ")");
        } catch (IOException e) {
            release(held);
            throw new IllegalArgumentException("output-dir " + dir + " cannot be created or written: " + e.getMessage());
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        this.lock = held;
        // on SIGTERM: the staging folder, and the lock file this run holds
        Path lockFile = this.dir.resolve(LOCK);
        this.cleanup = ExitCleanup.deleting(() -> java.util.List.of(staging, lockFile));
    }

    private static void release(FolderLock lock) {
        if (lock != null) {
            lock.close();
        }
    }

    private static Path createStaging(Path dir) throws IOException {
        while (true) {
            Path p = dir.resolve(STAGING_PREFIX + ProcessHandle.current().pid() + "-"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /**
     * Deletes the staging folders of runs whose process is gone (killed with SIGKILL, e.g. out of
     * memory): their files are incomplete. A running process's folder is left alone.
     */
    private static void removeLeftoversOfKilledRuns(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = String.valueOf(p.getFileName());
                if (!name.startsWith(STAGING_PREFIX) || !Files.isDirectory(p)) {
                    continue;
                }
                String rest = name.substring(STAGING_PREFIX.length());
                long pid = TempFiles.pidIn(rest.indexOf('-') < 0 ? rest + "-" : rest);
                if (!TempFiles.isAlive(pid)) {
                    ExitCleanup.deleteQuietly(p); // also an older engine's folder without a process id: incomplete all the same
                }
            }
        }
        TempFiles.removeLeftovers(dir.resolve(COMMITTING));
    }

    public Path dir() {
        return dir;
    }

    /** The staging path of an output file; write it completely, then call {@link #commit()}. */
    public Path stage(String name) {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        if (name.startsWith(".influx-forecast")) {
            throw new IllegalArgumentException("output name " + name + " is reserved");
        }
        Path p = staging.resolve(name);
        staged.put(name, p);
        return p;
    }

    /**
     * Puts every staged file in place as one set and returns their final paths: writes the commit
     * record, renames the files over the previous ones, removes files of the previous set that the
     * new one lacks, and renames the record over the manifest, which ends the commit.
     */
    public List<Path> commit() throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : staged.entrySet()) {
            sync(e.getValue());
            sums.put(e.getKey(), sha256(e.getValue()));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("run", UUID.randomUUID().toString());
        manifest.put("written", Instant.now().toString());
        manifest.put("files", sums);
        Path record = staging.resolve(COMMITTING);
        Files.writeString(record, Json.toJson(manifest), StandardCharsets.UTF_8);
        sync(record);
        stepHook.after("write the commit record");
        List<String> previous = previousSet();
        List<Path> moved = new ArrayList<>();
        Map<Path, Path> backups = new LinkedHashMap<>();
        Path committing = dir.resolve(COMMITTING);
        boolean recordPlaced = false;
        try {
            moveAtomically(record, committing);
            recordPlaced = true;
            stepHook.after("place the commit record");
            for (Map.Entry<String, Path> e : staged.entrySet()) {
                Path target = dir.resolve(e.getKey());
                if (Files.exists(target)) {
                    // a second name for the previous file, to put it back if the commit fails: the target never disappears
                    backups.put(target, keepPrevious(target, e.getKey()));
                    stepHook.after("keep the previous " + e.getKey());
                }
                moveAtomically(e.getValue(), target);
                moved.add(target);
                stepHook.after("put " + e.getKey() + " in place");
            }
            for (String name : previous) {
                Path old = dir.resolve(name);
                if (!staged.containsKey(name) && Files.exists(old)) {
                    Path backup = staging.resolve(".previous-" + name);
                    Files.move(old, backup, StandardCopyOption.REPLACE_EXISTING);
                    backups.put(old, backup);
                    stepHook.after("remove the previous " + name);
                }
            }
            moveAtomically(committing, dir.resolve(MANIFEST));
            stepHook.after("turn the commit record into the manifest");
        } catch (IOException | RuntimeException ex) {
            for (Path m : moved) {
                if (!backups.containsKey(m)) {
                    Files.deleteIfExists(m);
                }
            }
            for (Map.Entry<Path, Path> b : backups.entrySet()) {
                moveAtomically(b.getValue(), b.getKey());
            }
            if (recordPlaced) {
                Files.deleteIfExists(committing); // the previous set is whole again
            }
            throw ex;
        }
        committed = true;
        return moved;
    }

    private Path keepPrevious(Path target, String name) throws IOException {
        Path backup = staging.resolve(".previous-" + name);
        try {
            Files.createLink(backup, target);
        } catch (UnsupportedOperationException | IOException noLinks) {
            Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return backup;
    }

    /** The files the folder's manifest lists (empty when it has none). */
    private List<String> previousSet() {
        try {
            return new ArrayList<>(files(Json.read(dir.resolve(MANIFEST))).keySet());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> files(Map<String, Object> manifest) {
        Object f = manifest == null ? null : manifest.get("files");
        if (!(f instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("no files");
        }
        return (Map<String, String>) f;
    }

    /**
     * Refuses {@code file} when its folder holds an interrupted commit, or a manifest that does not
     * match the files beside it (a mix of two runs' outputs): {@code load} must not write half of one
     * forecast and half of another. A file in a folder without a manifest (not written by
     * {@code forecast}, or by an engine before manifests) passes.
     */
    public static void requireCompleteSet(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path folder = abs.getParent();
        if (folder == null) {
            return;
        }
        String name = String.valueOf(abs.getFileName());
        if (Files.exists(folder.resolve(COMMITTING))) {
            throw new IllegalArgumentException(file + " is in a folder whose last forecast run was stopped while it put its outputs in"
                    + " place (" + folder.resolve(COMMITTING).getFileName() + " is still there): the folder may hold a mix of two"
                    + " runs' outputs; run forecast again to replace them as a whole");
        }
        Path manifestFile = folder.resolve(MANIFEST);
        if (!Files.exists(manifestFile)) {
            return;
        }
        Map<String, String> sums;
        try {
            sums = files(Json.read(manifestFile));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": the output folder's manifest " + MANIFEST + " cannot be read ("
                    + e.getMessage() + "); run forecast again");
        }
        if (!sums.containsKey(name)) {
            return; // a file of the user's beside a forecast's outputs
        }
        for (Map.Entry<String, String> e : sums.entrySet()) {
            Path f = folder.resolve(e.getKey());
            String actual;
            try {
                actual = sha256(f);
            } catch (NoSuchFileException missing) {
                throw new IllegalArgumentException(file + " is part of a forecast whose " + e.getKey() + " is missing: the folder"
                        + " does not hold one run's complete set of outputs; run forecast again");
            } catch (IOException ex) {
                throw new IllegalArgumentException(file + ": cannot read " + f + " to check the set of outputs: " + ex.getMessage());
            }
            if (!actual.equals(e.getValue())) {
                throw new IllegalArgumentException(file + " is part of a set of forecast outputs whose " + e.getKey()
                        + " differs from the one that run wrote (changed since, or left from another run): the folder does not"
                        + " hold one run's complete set of outputs; run forecast again");
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forces a file's content to the disk, so that a rename never publishes an empty file after a power cut. */
    private static void sync(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    /**
     * Renames {@code from} to {@code to}, replacing it, atomically where the file system can (readers
     * see the old file or the new one, never a part); a plain rename where it cannot. Every output of
     * the engine is put in place this way (the outputs here, the extract's CSV, the JSON summaries).
     */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the staging folder (and anything not committed) and releases the folder. */
    @Override
    public void close() throws IOException {
        try {
            cleanup.close();
            ExitCleanup.deleteQuietly(staging);
            stepHook.after("remove the staging folder");
            if (Files.exists(staging)) {
                throw new IOException("cannot remove the staging folder " + staging);
            }
        } finally {
            lock.close();
        }
    }

    /**
     * An exclusive lock on a file, held by the operating system for this process (fcntl on Unix): it
     * ends with the process however it ends, so a killed run never blocks the next one. The file
     * says who holds it, for the message of a run that is refused; it is deleted on release.
     */
    static final class FolderLock implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;

        private FolderLock(Path path, FileChannel channel, FileLock lock) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        /**
         * Locks {@code path}. No other descriptor of the file is ever opened by this process while it
         * holds the lock: closing any descriptor of a file releases the process's fcntl locks on it.
         */
        static FolderLock acquire(Path path, String what) throws IOException {
            String me = ProcessHandle.current().pid() + "@" + host() + " since " + Instant.now();
            for (int attempt = 0; attempt < 100; attempt++) {
                try {
                    Files.createFile(path);
                } catch (FileAlreadyExistsException e) {
                    // a running run's, or a killed run's (unlocked)
                }
                Object key;
                FileChannel c;
                try {
                    key = fileKey(path);
                    c = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (NoSuchFileException e) {
                    continue; // its holder deleted it meanwhile
                }
                FileLock l;
                try {
                    l = c.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by this very process
                }
                if (l == null) {
                    String owner = owner(c);
                    c.close();
                    throw new IllegalArgumentException(what + " is being written by another run (process " + owner
                            + "); runs into one folder go one after the other: wait for it, or give another output folder");
                }
                // the holder deletes the file before it lets go: make sure the locked file is still the one at the path
                Object now;
                try {
                    now = fileKey(path);
                } catch (NoSuchFileException e) {
                    now = null;
                }
                if (key != null && key.equals(now)) {
                    c.truncate(0);
                    c.write(java.nio.ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
                    return new FolderLock(path, c, l);
                }
                l.release();
                c.close();
            }
            throw new IOException("cannot lock " + path + ": it is replaced again and again");
        }

        /** The file's identity (device and inode on Unix) from its attributes, without opening it. */
        private static Object fileKey(Path path) throws IOException {
            Object key = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            if (key == null) {
                throw new IOException("cannot lock " + path + ": the file system gives files no identity");
            }
            return key;
        }

        private static String owner(FileChannel c) {
            try {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(512);
                c.read(b, 0);
                String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
                return s.isEmpty() ? "unknown" : s;
            } catch (IOException e) {
                return "unknown";
            }
        }

        /** The host name without a network lookup (which can hang where DNS is broken). */
        private static String host() {
            String h = System.getenv("HOSTNAME");
            if (h == null || h.isBlank()) {
                try {
                    h = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
                } catch (IOException | RuntimeException e) {
                    h = null;
                }
            }
            return h == null || h.isBlank() ? "this host" : h;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // an unlocked lock file is taken over by the next run
            }
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock in any case
            }
        }
    }
}
