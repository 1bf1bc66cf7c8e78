package ca.careorchestrator.connector.spi;

/** What a connector can do against its source, declared up front. */
public enum Capability {
    /** Read availability (pull or push). */
    SEARCH,
    /** Book a slot through the source's API. */
    BOOK_BY_API,
    /** Cancel a booking through the source's API. */
    CANCEL_BY_API,
    /** Hand the patient to the source's own booking page. */
    DEEP_LINK,
    /** The source takes bookings by phone only. */
    PHONE
}
