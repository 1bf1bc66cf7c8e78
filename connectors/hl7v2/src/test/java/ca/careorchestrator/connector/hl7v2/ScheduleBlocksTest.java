package ca.careorchestrator.connector.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScheduleBlocksTest {

    @Test
    void cutsAPageIntoItsScheduleGroupsAsWritten() {
        String page = "MSH|^~\\&|LOGIBEC|CL1|CAREORCH|QC|20261123101500||SQR^S25^SQR_S25|q1-1|P|2.5.1\r"
                + "MSA|AA|q1-1\rQAK|q1|OK\r"
                + "SCH||1^2^3|||||||15|min|^^^20261124090000|||||||||||||Open\rAIS|1||SUIVI\rAIP|1||P2|MD\rAIL|1||^^^CL1|CL\r"
                + "SCH||1^2^4|||||||15|min|^^^20261124091500|||||||||||||Booked\rAIS|1||SUIVI\r"
                + "DSC|q1-2|I\r";

        assertThat(ScheduleQuery.scheduleBlocks(page)).containsExactly(
                "SCH||1^2^3|||||||15|min|^^^20261124090000|||||||||||||Open\rAIS|1||SUIVI\rAIP|1||P2|MD\rAIL|1||^^^CL1|CL\r",
                "SCH||1^2^4|||||||15|min|^^^20261124091500|||||||||||||Booked\rAIS|1||SUIVI\r");
    }

    @Test
    void aPageWithoutSlotsHasNoGroups() {
        assertThat(ScheduleQuery.scheduleBlocks("MSH|^~\\&|X|Y\rMSA|AA|q\rQAK|q|NF\r")).isEmpty();
    }
}
