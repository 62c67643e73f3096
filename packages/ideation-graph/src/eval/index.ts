// @reasonkit/ideation-graph/eval: pure rating math and the tournament (no database drivers, browser-safe).
export { expectedScore, eloUpdate, onlineElo, OnlineEloOptionsSchema, type OnlineEloOptions } from './elo.js';
export { fitBradleyTerry, BradleyTerryOptionsSchema, tally, type BradleyTerryOptions, type BradleyTerryFit, type Tallies } from './bradley-terry.js';
export { bootstrapRatings, BootstrapOptionsSchema, type BootstrapOptions, type BootstrapResult, type RatingInterval } from './bootstrap.js';
export { swissPairRound, swissSchedule, defaultSwissRounds, newSwissState, rematchFreeExists, type SwissRound, type SwissState } from './swiss.js';
export { judgeAuc, diversity, diversityOfVectors, estimateCost, CostPlanSchema, type CostPlan } from './helpers.js';
export { Tournament, TournamentOptionsSchema, type PairwiseJudge, type TournamentOptions, type TournamentResult, type TournamentRunOptions } from './tournament.js';
export { MatchRecordSchema, matchLogFromJsonl, matchLogToJsonl, type MatchRecord } from './match-record.js';
export { pairwiseJudge, PairwiseJudgeOptionsSchema, rubricScore, RubricOptionsSchema, DIMENSION_ANCHORS } from './pairwise-judge.js';
export { leaderboard, leaderboardMarkdown, type LeaderboardRow } from './leaderboard.js';
