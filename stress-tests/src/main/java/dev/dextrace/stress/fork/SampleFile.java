package dev.dextrace.stress.fork;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dextrace.model.results.AtomicWrite;
import dev.dextrace.model.results.Results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One violating sample as a fork keeps it for the campaign: its outcome, when it was seen (wall clock,
 * so the campaign can tell the time to first observation), and each rule's first violation as a
 * report finding with its events and the command that replays it. {@code forkHalted}: the sample hung
 * and the fork's watchdog halted the fork after keeping it, so jcstress has no count of it.
 */
public record SampleFile(String design, String scenario, String outcome, long observedAtMillis,
                         List<Results.Finding> findings, boolean forkHalted) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public SampleFile {
        findings = List.copyOf(findings);
    }

    public void write(Path file) throws IOException {
        AtomicWrite.write(file, tmp -> JSON.writeValue(tmp.toFile(), this));
    }

    public static SampleFile read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), SampleFile.class);
    }

    /** Every sample kept under {@code dir} (none if it does not exist). */
    public static List<SampleFile> readAll(Path dir) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        List<SampleFile> samples = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                samples.add(read(p));
            }
        }
        return samples;
    }
}
