/** What a service needs of the dispatcher: a nudge when it stored something to send. */
export interface DeliveryTrigger {
  /** Sends what is due now rather than at the next poll; never waits, never fails. */
  wake(): void;
}
