/**
 * The partner API of tracking-service as partner-gateway calls it: the bodies that cross the wire, as
 * records. The gateway's REST client reads and writes them and its OpenAPI document shows them;
 * tracking-service keeps its own classes (the disclosure policy builds its views) and a contract
 * test holds their JSON to these records, field by field, both ways.
 */
package io.trackguard.trackingapi;
