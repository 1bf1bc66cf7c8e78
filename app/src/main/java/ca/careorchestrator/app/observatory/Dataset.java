package ca.careorchestrator.app.observatory;

/** The observatory's tables as open data: what one row of each is, in the data dictionary and the exports. */
public enum Dataset {
    /** Per day, area (province, RSS, RLS or clinic), service type and profession: observatory_clinic_day, _area_day. */
    SUPPLY,
    /** Per day, RLS and service type: observatory_demand_day. */
    DEMAND,
    /** Per day and clinic: third next available appointment, observatory_access_day. */
    ACCESS,
    /** Per day and source: observatory_source_day and observatory_quarantine_day. */
    QUALITY,
    /** Per day, signal and kind of actor: observatory_fairness_day. */
    FAIRNESS
}
