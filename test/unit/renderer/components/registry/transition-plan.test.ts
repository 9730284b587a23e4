import { describe, expect, it } from 'vitest';
import { defaultTarget, offersArchive, targetStages, versionsToArchive } from '../../../../../renderer/components/registry/transition-plan';
import { makeVersion } from './fixtures';

const versions = [makeVersion('5', 'Production'), makeVersion('4', 'Staging'), makeVersion('3', 'Production'), makeVersion('2', 'Archived'), makeVersion('1', 'None')];

describe('transition plan', () => {
  it('offers archiving only into Staging and Production', () => {
    expect(offersArchive('Staging')).toBe(true);
    expect(offersArchive('Production')).toBe(true);
    expect(offersArchive('Archived')).toBe(false);
    expect(offersArchive('None')).toBe(false);
  });

  it('names the other versions in the target stage, lowest first, never the moving one', () => {
    expect(versionsToArchive(versions, 'Production', '4').map((v) => v.version)).toEqual(['3', '5']);
    expect(versionsToArchive(versions, 'Production', '5').map((v) => v.version)).toEqual(['3']);
    expect(versionsToArchive(versions, 'Staging', '1').map((v) => v.version)).toEqual(['4']);
    expect(versionsToArchive(versions, 'Archived', '1')).toEqual([]);
  });

  it('lists every stage but the current one and suggests the next step up', () => {
    expect(targetStages('Staging')).toEqual(['None', 'Production', 'Archived']);
    expect(defaultTarget('None')).toBe('Staging');
    expect(defaultTarget('Staging')).toBe('Production');
    expect(defaultTarget('Production')).toBe('Archived');
    expect(defaultTarget('Archived')).toBe('None');
  });
});
