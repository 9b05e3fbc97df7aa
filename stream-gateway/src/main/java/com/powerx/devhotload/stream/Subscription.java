package com.powerx.devhotload.stream;

/**
 * What an authorized caller may receive: one tenant's stream, narrowed by a filter, rendered in a style, and
 * possibly bound to a session whose end closes it.
 *
 * @param binding null unless the stream lives only as long as one session
 */
public record Subscription(String tenant, EventFilter filter, FrameStyle style, SessionBinding binding) {
}
