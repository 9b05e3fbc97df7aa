package com.powerx.devhotload.telemetry.rest;

import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.telemetry.config.IntakeConfig;
import com.powerx.devhotload.telemetry.domain.IngestResult;
import com.powerx.devhotload.telemetry.domain.RejectedEvent;
import com.powerx.devhotload.telemetry.mapping.TelemetryBatches;
import com.powerx.devhotload.telemetry.service.TelemetryIntake;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.List;

/** {@code POST /internal/dev/telemetry}: a batch of CLI telemetry, partially accepted (CONTRACT.md §6). */
@Path("/internal/dev/telemetry")
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryResource {

    /** The 202 data: events now on Kafka, and each rejected one with its reason. */
    public record IngestAnswer(int accepted, List<RejectedEvent> rejected) {
        static IngestAnswer of(IngestResult r) {
            return new IngestAnswer(r.accepted(), r.rejected());
        }
    }

    private final TelemetryIntake intake;
    private final CurrentCaller caller;
    private final IntakeConfig config;

    public TelemetryResource(TelemetryIntake intake, CurrentCaller caller, IntakeConfig config) {
        this.intake = intake;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "accepted events are on Kafka", content = @Content(schema = @Schema(implementation = IngestAnswer.class)))
    public Response ingest(byte[] body, @HeaderParam("X-Session-Id") String sessionId) {
        var batch = TelemetryBatches.parse(body, config, Instant.now());
        return Responses.accepted(IngestAnswer.of(intake.ingest(caller.get(), sessionId, batch)));
    }
}
