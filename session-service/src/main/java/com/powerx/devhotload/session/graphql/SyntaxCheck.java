package com.powerx.devhotload.session.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.web.EnvelopeWriter;
import com.powerx.devhotload.platform.web.RequestIds;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import io.vertx.ext.web.RoutingContext;

/**
 * Parses the query before SmallRye does, to answer a syntax error as GraphQL's {@code InvalidSyntax} error with
 * {@code extensions.error_code} and where it is. SmallRye parses before any hook runs and answers a document it cannot
 * parse with a bare "Unparseable input document" classified {@code DataFetchingException}, which tells the caller
 * neither what nor where. Parsed with the same token limit SmallRye applies; a body that is not JSON is the §1 envelope
 * (400), an HTTP-level failure like the 401 of the gate. Anything that parses goes on to SmallRye unchanged.
 */
final class SyntaxCheck {

    static final String CONTENT_TYPE = "application/graphql-response+json; charset=UTF-8";

    private final ObjectMapper mapper;
    private final ParserOptions options;

    SyntaxCheck(ObjectMapper mapper, int maxTokens) {
        this.mapper = mapper;
        this.options = ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(maxTokens));
    }

    void handle(RoutingContext rc) {
        String query;
        if (String.valueOf(rc.request().getHeader("Content-Type")).startsWith("application/graphql")) {
            query = rc.body().asString();
        } else {
            JsonNode body;
            try {
                body = rc.body().buffer() == null ? null : mapper.readTree(rc.body().asString());
            } catch (Exception e) {
                EnvelopeWriter.write(rc, mapper, ApiException.badRequest("malformed_json", "request body is not valid JSON"));
                return;
            }
            if (body == null || !body.isObject()) {
                EnvelopeWriter.write(rc, mapper, ApiException.badRequest("malformed_json",
                        "request body must be a JSON object with a \"query\""));
                return;
            }
            JsonNode text = body.get("query");
            query = text != null && text.isTextual() ? text.asText() : null;
        }
        if (query == null || query.isBlank()) {
            answer(rc, "no query in the request", null, "missing_query");
            return;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(query).parserOptions(options).build());
        } catch (ParseCancelledException e) {
            answer(rc, e.getMessage(), e.getLocation(), "query_too_large");
            return;
        } catch (InvalidSyntaxException e) {
            answer(rc, e.getMessage(), e.getLocation(), "invalid_syntax");
            return;
        }
        rc.next();
    }

    private void answer(RoutingContext rc, String message, SourceLocation at, String reason) {
        ObjectNode error = mapper.createObjectNode().put("message", message);
        ArrayNode locations = error.putArray("locations");
        if (at != null && at.getLine() > 0) {
            locations.addObject().put("line", at.getLine()).put("column", at.getColumn());
        }
        error.putObject("extensions")
                .put("classification", "InvalidSyntax")
                .put("error_code", ErrorCode.DEV_BAD_REQUEST.name())
                .put("reason_code", reason);
        ObjectNode result = mapper.createObjectNode();
        result.putArray("errors").add(error);
        // 200 as SmallRye answers its own errors for application/json callers (GraphQL over HTTP, legacy watershed).
        rc.response().setStatusCode(200)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader(RequestIds.HEADER, RequestIds.ensure(rc.request()))
                .end(result.toString());
    }
}
