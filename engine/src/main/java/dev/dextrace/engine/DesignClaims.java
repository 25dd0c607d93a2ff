package dev.dextrace.engine;

import dev.dextrace.model.catalogue.DesignEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Designs handed out one at a time to several processes of one engine: a process searches a design only if it
 * claims it first, by creating the design's file in a folder they share (creation is atomic, so exactly one
 * process wins). Each process takes the next design when it is free, so they finish together whatever the designs
 * cost; the campaign starts another process whenever a core is free and a design is left.
 */
public record DesignClaims(Path folder) {

    /** True if this process now owns the design; false if another claimed it first. */
    public boolean claim(DesignEntry design) {
        try {
            Files.createDirectories(folder);
            Files.createFile(folder.resolve(design.type().getName()));
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("--claims: cannot claim " + design.name() + " in " + folder, e);
        }
    }

    /** True while some of {@code designs} is not claimed yet: another process would find work. */
    public boolean anyLeft(Collection<DesignEntry> designs) {
        return designs.stream().anyMatch(d -> !Files.exists(folder.resolve(d.type().getName())));
    }
}
