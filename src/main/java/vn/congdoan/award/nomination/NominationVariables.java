package vn.congdoan.award.nomination;

/** Names of process variables shared by the BPMN, the forms and the Java code (see docs/design.md). */
public final class NominationVariables {
  private NominationVariables() {}

  // the dossier
  public static final String NOMINEE_KIND = "nomineeKind";
  public static final String NOMINEE_NAME = "nomineeName";
  public static final String NOMINEE_POSITION = "nomineePosition";
  public static final String HOLDS_LEADERSHIP_POST = "holdsLeadershipPost";
  public static final String DIRECT_WORKER = "directWorker";
  public static final String AWARD_FORM = "awardForm";
  public static final String MOVEMENT = "movement";
  public static final String ROUND = "round";
  public static final String MEETING_DATE = "meetingDate";

  // set by the server at the start
  public static final String NOMINATION_CODE = "nominationCode";
  public static final String PREPARER = "preparer";
  public static final String GRASSROOTS_UNIT = "grassrootsUnit";
  public static final String GRASSROOTS_UNIT_NAME = "grassrootsUnitName";
  public static final String SUPERIOR_UNIT = "superiorUnit";
  public static final String SUPERIOR_UNIT_NAME = "superiorUnitName";
  public static final String HAS_SUPERIOR = "hasSuperior";
  public static final String PROVINCE_UNIT = "provinceUnit";
  public static final String PROVINCE_UNIT_NAME = "provinceUnitName";
  public static final String ROUND_YEAR = "roundYear";
  public static final String AUTHORITY = "authority";
  public static final String DECIDING_LEVEL = "decidingLevel";

  // reviews: a review task with id X owns X + OUTCOME_SUFFIX and X + REASON_SUFFIX
  public static final String OUTCOME_SUFFIX = "Outcome";
  public static final String REASON_SUFFIX = "Reason";
  public static final String OUTCOME_APPROVE = "approve";
  public static final String OUTCOME_RETURN = "return";
  public static final String OUTCOME_REJECT = "reject";
  public static final String RETURN_REASON = "returnReason";
  public static final String RETURNED_FROM = "returnedFrom";
  public static final String RETURNED_FROM_NAME = "returnedFromName";
  /** Prefix of the variable that remembers who returned a dossier at a step: it comes back to them. */
  public static final String LAST_REVIEWER_PREFIX = "lastReviewer_";
  public static final String OUTCOME_REASON = "outcomeReason";
  public static final String WITHDRAWAL_REASON = "withdrawalReason";

  // the council's ballot
  public static final String COUNCIL_MEMBERS = "councilMembers";
  public static final String COUNCIL_PRESENT = "councilPresent";
  public static final String COUNCIL_FOR = "councilFor";
  public static final String COUNCIL_AGAINST = "councilAgainst";
  public static final String COUNCIL_ABSTAIN = "councilAbstain";

  // the decision
  public static final String DECISION_NUMBER = "decisionNumber";
  public static final String DECISION_DATE = "decisionDate";
  public static final String AWARD_MONEY = "awardMoney";
  public static final String DECISION_ID = "decisionId";
  /**
   * In a process that acts on a nomination without being it (a council session's candidate), the nomination's
   * process instance: its steps are recorded in that nomination's trail and read model.
   */
  public static final String NOMINATION_INSTANCE = "nominationInstance";
  /** What a council session decided for a candidate: awarded, national, ballotFailed, rejected. */
  public static final String COUNCIL_OUTCOME = "councilOutcome";
  public static final String COUNCIL_RESULT_MESSAGE = "councilSessionResult";

  /** Name of the message that withdraws a nomination not yet decided. */
  public static final String WITHDRAWAL_MESSAGE = "nominationWithdrawn";
  public static final String PROCESS_KEY = "award-nomination";
}
