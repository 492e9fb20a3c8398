// Names for the generated schemas, so that features import `Review` rather than spelling out
// `components['schemas']['Review']`. Every type here is derived from the generated file.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type ProblemField = Schemas['ProblemField'];
export type TokenRequest = Schemas['TokenRequest'];
export type TokenResponse = Schemas['TokenResponse'];
export type Me = Schemas['Me'];
export type Committee = Schemas['Committee'];
export type CommitteeDetail = Schemas['CommitteeDetail'];
export type Review = Schemas['Review'];
export type CreateReview = Schemas['CreateReview'];
export type UpdateReview = Schemas['UpdateReview'];
export type ReviewTransition = Schemas['ReviewTransition'];
export type CreateRecommendation = Schemas['CreateRecommendation'];
export type UpdateRecommendation = Schemas['UpdateRecommendation'];
export type NewPartInput = Schemas['NewPartInput'];
export type UpdateRecommendationPart = Schemas['UpdateRecommendationPart'];
export type RecommendationReason = Schemas['RecommendationReason'];
export type ActionSummary = Schemas['ActionSummary'];
export type CreateDecision = Schemas['CreateDecision'];
export type UpdateDecision = Schemas['UpdateDecision'];
export type ResolutionInput = Schemas['ResolutionInput'];
export type CallInTransition = Schemas['CallInTransition'];
export type Contact = Schemas['Contact'];
export type ReviewDetail = Schemas['ReviewDetail'];
export type Recommendation = Schemas['Recommendation'];
export type RecommendationPart = Schemas['RecommendationPart'];
export type Decision = Schemas['Decision'];
export type CallIn = Schemas['CallIn'];
export type Agreement = Schemas['Agreement'];
export type Resolution = Schemas['Resolution'];
export type ActionPlan = Schemas['ActionPlan'];
export type Action = Schemas['Action'];
export type Milestone = Schemas['Milestone'];
export type PutActionPlan = Schemas['PutActionPlan'];
export type UpdateActionPlan = Schemas['UpdateActionPlan'];
export type CreateAction = Schemas['CreateAction'];
export type UpdateAction = Schemas['UpdateAction'];
export type OwnerInput = Schemas['OwnerInput'];
export type MilestoneInput = Schemas['MilestoneInput'];
export type Withdrawal = Schemas['Withdrawal'];
export type Completion = Schemas['Completion'];
export type Amendment = Schemas['Amendment'];
export type Owner = Schemas['Owner'];
export type ContactRef = Schemas['ContactRef'];
export type ProgressRound = Schemas['ProgressRound'];
export type NewProgressRound = Schemas['NewProgressRound'];
export type RoundProposal = Schemas['RoundProposal'];
export type ProgressEntry = Schemas['ProgressEntry'];
export type UpdateProgressEntry = Schemas['UpdateProgressEntry'];
export type ImpactValue = Schemas['ImpactValue'];
export type KeyFigure = Schemas['KeyFigure'];
export type Grade = Schemas['Grade'];
export type Grades = Schemas['Grades'];
export type ValidateEntry = Schemas['ValidateEntry'];
export type AcceptEntry = Schemas['AcceptEntry'];
export type ReturnEntry = Schemas['ReturnEntry'];
export type Dashboard = Schemas['Dashboard'];
export type DashboardGroup = Schemas['DashboardGroup'];
export type GradeCount = Schemas['GradeCount'];
export type CouncilSettings = Schemas['CouncilSettings'];
export type GradeScaleDoc = Schemas['GradeScaleDoc'];
export type GradeLevelDoc = Schemas['GradeLevelDoc'];
export type RoundWork = Schemas['RoundWork'];
export type AuditEvent = Schemas['AuditEvent'];
export type User = Schemas['User'];
export type CreateUser = Schemas['CreateUser'];
export type UpdateUser = Schemas['UpdateUser'];
export type SetPassword = Schemas['SetPassword'];
export type Organisation = Schemas['Organisation'];
export type CreateOrganisation = Schemas['CreateOrganisation'];
export type UpdateOrganisation = Schemas['UpdateOrganisation'];
export type CreateContact = Schemas['CreateContact'];
export type UpdateContact = Schemas['UpdateContact'];
export type ServiceAccount = Schemas['ServiceAccount'];
export type CreateServiceAccount = Schemas['CreateServiceAccount'];
export type UpdateServiceAccount = Schemas['UpdateServiceAccount'];
export type ServiceAccountCredentials = Schemas['ServiceAccountCredentials'];
export type PutCouncilSettings = Schemas['PutCouncilSettings'];
export type Calendar = Schemas['Calendar'];
export type CreateCommittee = Schemas['CreateCommittee'];
export type UpdateCommittee = Schemas['UpdateCommittee'];
export type ReplaceCommittee = Schemas['ReplaceCommittee'];
export type Attachment = Schemas['Attachment'];
export type AttachmentWithdrawal = Schemas['AttachmentWithdrawal'];
export type ImportOutcome = Schemas['ImportOutcome'];
export type ImportReport = Schemas['ImportReport'];
export type ImportIssue = Schemas['ImportIssue'];
export type ImportProblem = Schemas['ImportProblem'];

// The fixed sets the API declares as enums: unions, so a misspelt status is a type error.
export type ReviewStatus = Schemas['ReviewStatus'];
export type ReviewType = Schemas['ReviewType'];
export type RecommendationStatus = Schemas['RecommendationStatus'];
export type PlanStatus = Schemas['PlanStatus'];
export type ActionStatus = Schemas['ActionStatus'];
export type RoundStatus = Schemas['RoundStatus'];
export type SubmissionState = Schemas['SubmissionState'];
export type CallInState = Schemas['CallInState'];

/** `raw` when it is one of `members`; otherwise undefined (e.g. a hand-edited URL). */
export function oneOf<T extends string>(members: readonly T[], raw: string | null | undefined): T | undefined {
  return members.find((m) => m === raw);
}
