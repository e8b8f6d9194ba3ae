import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import MinePage from '../pages/mine/index';
import PetitionsPage from '../pages/petitions/index';
import { STORAGE_KEYS } from '../utils/storage';
import { isLargeTextOn } from './use-large-text';

function pageRoot(container: HTMLElement): Element {
  const root = container.querySelector('.page');
  if (!root) throw new Error('page root not rendered');
  return root;
}

beforeEach(() => {
  Taro.clearStorageSync();
});

afterEach(() => {
  cleanup();
});

describe('大字模式 (large text)', () => {
  it('is off by default', () => {
    const { container } = render(<MinePage />);
    expect(pageRoot(container).classList.contains('page--large')).toBe(false);
    expect(isLargeTextOn()).toBe(false);
  });

  it('turns on from 我的, persists in storage, and survives a fresh mount', async () => {
    const first = render(<MinePage />);
    const toggle = first.container.querySelector('.nut-switch');
    expect(toggle).not.toBeNull();
    await act(async () => {
      fireEvent.click(toggle as Element);
    });
    await waitFor(() => expect(pageRoot(first.container).classList.contains('page--large')).toBe(true));
    expect(Taro.getStorageSync(STORAGE_KEYS.largeText)).toBe(true);
    first.unmount();

    const again = render(<MinePage />);
    expect(pageRoot(again.container).classList.contains('page--large')).toBe(true);
  });

  it('switches other mounted pages at once (tab pages stay alive)', async () => {
    const petitions = render(<PetitionsPage />);
    const mine = render(<MinePage />);
    expect(pageRoot(petitions.container).classList.contains('page--large')).toBe(false);
    await act(async () => {
      fireEvent.click(mine.container.querySelector('.nut-switch') as Element);
    });
    await waitFor(() => expect(pageRoot(petitions.container).classList.contains('page--large')).toBe(true));
  });
});
