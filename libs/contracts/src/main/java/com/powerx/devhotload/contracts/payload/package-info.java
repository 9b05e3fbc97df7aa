/**
 * The {@code data} records of every event type: field names are the wire names, {@link
 * com.powerx.devhotload.contracts.Required} marks what every event must carry, absent optional fields are omitted.
 */
package com.powerx.devhotload.contracts.payload;
