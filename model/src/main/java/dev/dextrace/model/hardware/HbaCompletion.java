package dev.dextrace.model.hardware;

/** What the hardware reports for a finished command: the dext's tag, SCSI status and bytes moved. */
public record HbaCompletion(int tag, int scsiStatus, long bytesTransferred) {
}
