package io.trackguard.gateway.openapi;

/** Example bodies of the partner API, as the OpenAPI document shows them. */
public final class Examples {

    public static final String SHIPMENT = """
            {
              "orderReference": "ORD-2026-000123",
              "recipient": {"name": "Jane Roe", "email": "jane.roe@example.com", "phone": "+1 416 555 0100", "language": "en"},
              "destination": {"line1": "1 King St W", "line2": "Unit 5", "city": "Toronto", "province": "ON", "postalCode": "M5H 1A1"},
              "productCategory": "apparel",
              "expectedDeliveryDate": "2026-12-24"
            }""";

    public static final String CREATED = """
            {
              "trackingNumber": "K7M2QX9TPA4RWH3N8E",
              "status": "CREATED",
              "partnerId": "acme",
              "orderReference": "ORD-2026-000123",
              "sender": "Acme Outfitters",
              "recipient": {"name": "Jane Roe", "email": "jane.roe@example.com", "phone": "+1 416 555 0100", "language": "en"},
              "destination": {"line1": "1 King St W", "line2": "Unit 5", "city": "Toronto", "province": "ON",
                              "postalCode": "M5H1A1", "country": "CA"},
              "productCategory": "apparel",
              "expectedDeliveryDate": "2026-12-24",
              "createdAt": "2026-11-28T10:00:00Z",
              "events": []
            }""";

    public static final String BATCH = """
            {"shipments": [
              {"orderReference": "ORD-1", "recipient": {"name": "Jane Roe"},
               "destination": {"line1": "1 King St W", "city": "Toronto", "province": "ON", "postalCode": "M5H 1A1"},
               "productCategory": "apparel"},
              {"orderReference": "ORD-2", "recipient": {"name": "Amir Haddad", "language": "fr"},
               "destination": {"line1": "10 Rue Sainte-Catherine", "city": "Montreal", "province": "QC", "postalCode": "H2Y 1C6"},
               "productCategory": "books"}
            ]}""";

    public static final String BATCH_RESULT = """
            {"results": [
              {"index": 0, "status": 201, "shipment": {"trackingNumber": "K7M2QX9TPA4RWH3N8E", "status": "CREATED", "partnerId": "acme"}},
              {"index": 1, "status": 409, "problem": {"type": "urn:trackguard:problem:duplicate-order-reference",
               "title": "Duplicate order reference", "status": 409}}
            ]}""";

    public static final String WEBHOOK = """
            {"url": "https://acme.example/trackguard/events", "events": ["shipment.delivered", "shipment.cancelled"]}""";

    public static final String WEBHOOK_CREATED = """
            {"id": "0b6a3f0e-2c57-4f0e-a3a1-6f1b1f9c2d11", "url": "https://acme.example/trackguard/events",
             "events": ["shipment.cancelled", "shipment.delivered"], "createdAt": "2026-11-28T10:00:00Z",
             "secretRotatedAt": "2026-11-28T10:00:00Z", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""";

    public static final String RECIPIENT_LINK = """
            {"token": "eyJhbGciOiJIUzI1NiIsImtpZCI6IjEifQ.eyJ0biI6IksyTTJRWDlUUEE0UldIM044RSJ9.c2lnbmF0dXJl",
             "path": "/r/eyJhbGciOiJIUzI1NiIsImtpZCI6IjEifQ.eyJ0biI6IksyTTJRWDlUUEE0UldIM044RSJ9.c2lnbmF0dXJl",
             "expiresAt": "2026-12-05T10:00:00Z"}""";

    private Examples() {
    }
}
