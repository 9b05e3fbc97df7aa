package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.session.config.DevApiConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** {@code PX_DEV_PLUGIN_HOTLOAD=false} closes the Dev API (403); {@code PX_ADMIN_DEV_MODE=0} hides the admin API (404). */
public class FeatureFlagFilter {

    private final DevApiConfig config;
    private final boolean adminMode;

    public FeatureFlagFilter(DevApiConfig config, @ConfigProperty(name = "px.admin.dev-mode", defaultValue = "true") boolean adminMode) {
        this.config = config;
        this.adminMode = adminMode;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!config.pluginHotload() && path.startsWith("/internal/dev/plugins")) {
            return Responses.error(new ApiException(ErrorCode.DEV_FEATURE_DISABLED, "feature_disabled",
                    "plugin hot reload is disabled on this installation (PX_DEV_PLUGIN_HOTLOAD=false)"));
        }
        if (!adminMode && path.startsWith("/api/admin/dev-hotload")) {
            return Responses.error(ApiException.notFound("resource"));
        }
        return null;
    }
}
