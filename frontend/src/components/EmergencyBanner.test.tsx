import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { EmergencyBanner } from './EmergencyBanner';

describe('emergency banner', () => {
  it('says the emergency access is running and when it ends', () => {
    const expiresAt = new Date(Date.now() + 29.5 * 60_000).toISOString();
    render(
      <EmergencyBanner
        emergency={{ startedAt: new Date().toISOString(), expiresAt, reason: 'Chiamata del pronto soccorso' }}
      />,
    );
    const banner = screen.getByRole('status');
    expect(banner).toHaveTextContent('Accesso in emergenza in corso.');
    expect(banner).toHaveTextContent('Restano 30 minuti.');
    expect(banner).toHaveTextContent('Chiamata del pronto soccorso');
  });

  it('shows nothing without a running emergency access', () => {
    const { container } = render(<EmergencyBanner emergency={null} />);
    expect(container).toBeEmptyDOMElement();
  });
});
