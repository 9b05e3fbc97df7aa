package com.powerx.devhotload.cli.api;

/** What to tell the user to do after an API error, by status and error code. */
final class NextSteps {

    private NextSteps() {
    }

    static String forError(int status, String errorCode) {
        String code = errorCode == null ? "" : errorCode;
        return switch (code) {
            case "DEV_SESSION_ENDED" -> "the session has ended: take it up with px-plugin dev --resume, or register a new one with px-plugin dev";
            case "DEV_CONFLICT" -> "another session of this plugin is active: px-plugin dev --takeover replaces it, px-plugin dev --stop ends yours";
            case "DEV_RELOAD_CONFLICT" -> "the reload id was reused with another body; save again to send a fresh reload";
            case "DEV_UNAUTHORIZED" -> "check PX_TOKEN (a JWT) or take the session up again with px-plugin dev --resume";
            case "DEV_FORBIDDEN" -> "your token lacks the permission for this call";
            case "DEV_FEATURE_DISABLED" -> "the server has plugin hot-load turned off (PX_DEV_PLUGIN_HOTLOAD=false)";
            case "DEV_PAYLOAD_TOO_LARGE" -> "the bundle is over the server's limit: add large files to .pxignore";
            case "DEV_NOT_FOUND" -> "unknown id (or another tenant's): start a new session with px-plugin dev";
            case "DEV_RATE_LIMITED", "DEV_CAPACITY_REACHED", "DEV_UNAVAILABLE" -> "the server is busy; try again in a minute";
            case "DEV_BAD_REQUEST" -> "the request was rejected as invalid; run px-plugin lint --hotload";
            default -> switch (status) {
                case 401 -> "check PX_TOKEN or run px-plugin dev --resume";
                case 404 -> "check --api / PX_DEV_API_BASE_URL points at session-service";
                case 410 -> "run px-plugin dev --resume or px-plugin dev";
                default -> status >= 500 ? "the server failed; try again, and see px-plugin doctor" : null;
            };
        };
    }
}
