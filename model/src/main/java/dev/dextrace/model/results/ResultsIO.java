package dev.dextrace.model.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and writes {@code results.json}, turning every failure into a {@link ReportInputException}. */
public final class ResultsIO {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Producers may add fields before this renderer knows them.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final Pattern SOURCE_PREFIX = Pattern.compile("\\[Source: [^;]*; (line: \\d+, column: \\d+)]");

    private ResultsIO() {
    }

    public static Results read(Path file) throws ReportInputException {
        if (!Files.exists(file)) {
            throw new ReportInputException("results file " + file + " does not exist",
                    new NoSuchFileException(file.toString()));
        }
        try {
            return MAPPER.readValue(file.toFile(), Results.class);
        } catch (JacksonException e) {
            throw new ReportInputException(describe(file, e), e);
        } catch (IOException e) {
            throw new ReportInputException("results file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static void write(Results results, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), results);
    }

    /** Without indentation: a report folder's results.json, a third smaller (a catalogue's stays under 300 KB). */
    public static void writeCompact(Results results, Path file) throws IOException {
        MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
    }

    /** "FILE line L, column C, at designs[0].verdict: PROBLEM" — Jackson's own text names Java types, not fields. */
    private static String describe(Path file, JacksonException e) {
        StringBuilder where = new StringBuilder("results file ").append(file);
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            where.append(" line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where.append(", at ").append(jsonPath(m));
        }
        return where + ": " + problem(e);
    }

    private static String problem(JacksonException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            Throwable cause = e.getCause(); // usually our own check in a record constructor
            return cause.getMessage() != null ? cause.getMessage() : cause.toString();
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "\"" + f.getValue() + "\" is not one of " + Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
        }
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        if (message.startsWith("No content to map")) {
            return "the file is empty";
        }
        // A nested location ("start marker at [Source: REDACTED ...; line: 1, column: 48]") keeps only line and column.
        return SOURCE_PREFIX.matcher(message).replaceAll("$1");
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
