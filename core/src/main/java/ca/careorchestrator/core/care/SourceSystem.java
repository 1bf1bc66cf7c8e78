package ca.careorchestrator.core.care;

/** The systems Quebec clinics publish through today (DESIGN.md, "The systems clinics use today"). */
public enum SourceSystem {
    RVSQ("Rendez-vous santé Québec", Protocol.FHIR_R4, BookingChannel.API),
    BONJOUR_SANTE("Bonjour Santé", Protocol.SMART_BULK, BookingChannel.DEEP_LINK),
    CHRONOMETRIC("Chronometric", Protocol.ICALENDAR, BookingChannel.PHONE),
    TAP_MEDICAL("Tap Medical", Protocol.FHIR_R4, BookingChannel.API),
    DIALOGUE("Dialogue", Protocol.FHIR_R4, BookingChannel.API),
    LOGIBEC("Logibec", Protocol.HL7V2_MLLP, BookingChannel.API),
    KINLOGIX("Kinlogix", Protocol.HL7V2_MLLP, BookingChannel.API),
    MEDESYNC("Medesync", Protocol.HL7V2_MLLP, BookingChannel.API),
    MYLE("Myle", Protocol.HL7V2_MLLP, BookingChannel.API),
    OMNIMED("Omnimed", Protocol.HL7V2_MLLP, BookingChannel.API),
    OSCAR_QC("OSCAR-QC", Protocol.CSV_DROP, BookingChannel.PHONE);

    private final String displayName;
    private final Protocol protocol;
    private final BookingChannel bookingChannel;

    SourceSystem(String displayName, Protocol protocol, BookingChannel bookingChannel) {
        this.displayName = displayName;
        this.protocol = protocol;
        this.bookingChannel = bookingChannel;
    }

    public String displayName() {
        return displayName;
    }

    public Protocol protocol() {
        return protocol;
    }

    public BookingChannel bookingChannel() {
        return bookingChannel;
    }

    /** An EMR (or establishment system) rather than a booking platform: a clinic has one of these at most. */
    public boolean isRecordSystem() {
        return protocol == Protocol.HL7V2_MLLP || this == OSCAR_QC;
    }
}
