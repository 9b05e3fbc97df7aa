package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.Required;

/** One compiler or linter message the CLI reported with a reload ({@code line}/{@code column} 1-based). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildDiagnostic(
        @Required String level,
        @Required String message,
        String file,
        Integer line,
        Integer column,
        String code) {
}
