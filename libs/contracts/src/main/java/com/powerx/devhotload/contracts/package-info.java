/**
 * The event contract of PowerX Dev Hotload (CONTRACT.md §9): the CloudEvents envelope, topic and type names, the
 * codec, and the registry of payload records. Plain Java, shared by every service.
 */
package com.powerx.devhotload.contracts;
