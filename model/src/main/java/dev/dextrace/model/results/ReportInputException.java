package dev.dextrace.model.results;

/**
 * A results file that cannot be read: missing, not JSON, or not the shape of {@code results.json}.
 * The message is meant for a person and names the file and, where known, the line and field.
 */
public class ReportInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
