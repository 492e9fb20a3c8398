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
export type RoundWork = Schemas['RoundWork'];
export type AuditEvent = Schemas['AuditEvent'];
