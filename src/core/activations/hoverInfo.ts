/**
 * Everything a hover over an activation name shows, computed off the host's
 * main thread (the worker): typeset f and f′ and a plot as SVG data URIs,
 * the properties and what the function is mostly used for.
 */
import { renderActivationHover, type HoverContent, type PlotColors } from './render';
import { getActivation, resolveParams } from './table';
import type { ActivationParams, ActivationProperties, CanonicalName } from './types';

export type HoverTheme = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** Fixed colours per theme kind: the hover shows <img>s, which cannot read CSS variables. */
const COLORS: Record<HoverTheme, PlotColors> = {
  light: { f: '#005fb8', df: '#c05600', axis: '#8a8a8a', text: '#1f1f1f' },
  dark: { f: '#4fc1ff', df: '#ffb464', axis: '#8a8a8a', text: '#d4d4d4' },
  'high-contrast': { f: '#ffffff', df: '#ffd700', axis: '#c0c0c0', text: '#ffffff' },
  'high-contrast-light': { f: '#0f4a85', df: '#8f3a00', axis: '#292929', text: '#000000' },
};

export interface ActivationHoverInfo extends HoverContent {
  name: CanonicalName;
  params: ActivationParams;
  properties: ActivationProperties;
  usedFor: string;
}

export function activationHoverInfo(name: CanonicalName, params: ActivationParams | undefined, theme: HoverTheme): ActivationHoverInfo {
  const spec = getActivation(name);
  const resolved = resolveParams(spec.name, params ?? {});
  return {
    ...renderActivationHover(spec.name, resolved, COLORS[theme], { cache: true }),
    name: spec.name,
    params: resolved,
    properties: spec.properties(resolved),
    usedFor: spec.usedFor,
  };
}
