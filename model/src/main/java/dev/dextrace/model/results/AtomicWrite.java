package dev.dextrace.model.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so readers see the old content or the whole new one, never half: temp file, then rename. */
public final class AtomicWrite {
    /** Writes the content to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    private AtomicWrite() {
    }

    public static void write(Path file, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        // A unique temp name: two forks (or the campaign's shutdown hook) never share one.
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
