import type { JSX } from 'solid-js';

type IconProps = JSX.SvgSVGAttributes<SVGSVGElement>;

const base = (props: IconProps, children: JSX.Element) => (
  <svg
    viewBox="0 0 24 24"
    width="18"
    height="18"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    {...props}
  >
    {children}
  </svg>
);

export const LogoMark = (props: IconProps) => (
  <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" {...props}>
    <rect width="32" height="32" rx="8" fill="#4f46e5" />
    <path d="M8 25V13l8-6 8 6v12h-5v-7h-6v7z" fill="#fff" />
  </svg>
);
export const ChevronRight = (p: IconProps) => base(p, <path d="m9 6 6 6-6 6" />);
export const Building = (p: IconProps) =>
  base(
    p,
    <>
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M9 7h.01M15 7h.01M9 11h.01M15 11h.01M9 15h.01M15 15h.01M10 21v-3h4v3" />
    </>,
  );
export const UserIcon = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </>,
  );
export const Search = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </>,
  );
export const LogOut = (p: IconProps) =>
  base(p, <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9" />);
export const Eye = (p: IconProps) =>
  base(
    p,
    <>
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </>,
  );
export const EyeOff = (p: IconProps) =>
  base(
    p,
    <path d="M3 3l18 18M10.6 6.1A10 10 0 0 1 12 6c6.5 0 10 6 10 6a17 17 0 0 1-3.3 4M6.6 6.6C3.9 8.3 2 12 2 12s3.5 6 10 6a9.7 9.7 0 0 0 4.4-1M9.9 9.9a3 3 0 0 0 4.2 4.2" />,
  );
export const Shield = (p: IconProps) =>
  base(p, <path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z" />);
export const Clock = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>,
  );
export const Info = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 16v-4M12 8h.01" />
    </>,
  );
export const AlertCircle = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 8v4M12 16h.01" />
    </>,
  );
export const Layers = (p: IconProps) =>
  base(p, <path d="m12 2 10 5-10 5L2 7l10-5zM2 17l10 5 10-5M2 12l10 5 10-5" />);
export const UserPlus = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="9" cy="8" r="4" />
      <path d="M2 21a7 7 0 0 1 14 0M19 8v6M16 11h6" />
    </>,
  );
export const Plus = (p: IconProps) => base(p, <path d="M12 5v14M5 12h14" />);
export const Pencil = (p: IconProps) => base(p, <path d="M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4" />);
export const Trash = (p: IconProps) =>
  base(p, <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />);
export const Calendar = (p: IconProps) =>
  base(
    p,
    <>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </>,
  );
export const Move = (p: IconProps) =>
  base(p, <path d="M5 9l-3 3 3 3M9 5l3-3 3 3M15 19l-3 3-3-3M19 9l3 3-3 3M2 12h20M12 2v20" />);
export const Users = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="9" cy="8" r="4" />
      <path d="M2 21a7 7 0 0 1 14 0M16 4a4 4 0 0 1 0 8M22 21a7 7 0 0 0-4-6.3" />
    </>,
  );
export const Key = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="7.5" cy="15.5" r="4.5" />
      <path d="m11 12 9-9M16 7l3 3M14 9l2 2" />
    </>,
  );
export const Monitor = (p: IconProps) =>
  base(
    p,
    <>
      <rect x="2" y="4" width="20" height="13" rx="2" />
      <path d="M8 21h8M12 17v4" />
    </>,
  );
export const Phone = (p: IconProps) =>
  base(
    p,
    <>
      <rect x="6" y="2" width="12" height="20" rx="2" />
      <path d="M11 18h2" />
    </>,
  );
export const Ban = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="m5.6 5.6 12.8 12.8" />
    </>,
  );
export const Mail = (p: IconProps) =>
  base(
    p,
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </>,
  );
export const Lock = (p: IconProps) =>
  base(
    p,
    <>
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </>,
  );
export const WifiOff = (p: IconProps) =>
  base(
    p,
    <path d="M3 3l18 18M8.5 16.4a5 5 0 0 1 7 0M5 12.9a10 10 0 0 1 4.2-2.5M19 12.9a10 10 0 0 0-2.9-2M2 8.8a15 15 0 0 1 4.4-2.8M22 8.8A15 15 0 0 0 10.7 5M12 20h.01" />,
  );
export const Home = (p: IconProps) => base(p, <path d="M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10" />);
export const ChevronLeft = (p: IconProps) => base(p, <path d="m15 6-6 6 6 6" />);
export const ScanFace = (p: IconProps) =>
  base(
    p,
    <path d="M4 8V6a2 2 0 0 1 2-2h2M16 4h2a2 2 0 0 1 2 2v2M20 16v2a2 2 0 0 1-2 2h-2M8 20H6a2 2 0 0 1-2-2v-2M9 10h.01M15 10h.01M9.5 15a3.5 3.5 0 0 0 5 0" />,
  );
export const Check = (p: IconProps) => base(p, <path d="m5 12 5 5 9-10" />);
export const Bell = (p: IconProps) =>
  base(p, <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.9 1.9 0 0 0 3.4 0" />);
export const PlayCircle = (p: IconProps) =>
  base(
    p,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="m10 8 6 4-6 4z" />
    </>,
  );
export const BarChart = (p: IconProps) => base(p, <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />);
export const Download = (p: IconProps) => base(p, <path d="M12 3v12M7 10l5 5 5-5M4 21h16" />);
export const Menu = (p: IconProps) => base(p, <path d="M4 6h16M4 12h16M4 18h16" />);
export const Close = (p: IconProps) => base(p, <path d="M6 6l12 12M18 6 6 18" />);
