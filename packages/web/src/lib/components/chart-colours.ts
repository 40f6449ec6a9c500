// Series colours of every chart, in order: each is readable against white and distinct from its neighbours.
export const CHART_COLOURS = ['#1d4ed8', '#b45309', '#15803d', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf', '#334155', '#c2410c', '#0369a1', '#9f1239'];
